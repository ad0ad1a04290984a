#!/usr/bin/env bash
# A tool that exits at once but leaves a background process holding its output pipe.
sleep 1000 &
echo "left $!"
exit 0
