#!/usr/bin/env bash
# Silent until the file named by $1 exists (the test creates it once it has seen a heartbeat), then exits 0.
while [[ ! -e $1 ]]; do sleep 0.05; done
echo "saw $1"
