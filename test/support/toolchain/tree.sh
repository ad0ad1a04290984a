#!/usr/bin/env bash
# A tool that starts a grandchild and waits for it, as trtllm-build waits for its MPI ranks.
# Prints the grandchild's pid so a test can check it is gone after a cancel or timeout.
# With IGNORE_TERM=1 the script shrugs off SIGTERM, so only SIGKILL ends it.
[[ ${IGNORE_TERM:-} == 1 ]] && trap '' TERM
sleep "${SLEEP_SECONDS:-1000}" &
echo "grandchild $!"
wait
