#!/bin/sh
# Writes a state directory whose one log holds N status changes spread over
# the shipped plan's 100 tasks, for measuring what a command costs on a long
# history (BENCHMARKS.md, "Round 4").
#
#   sh scripts/gen-history.sh 100000 /tmp/h100k
#   time target/release/plantrack --state /tmp/h100k mark 2020-ip-strategy:55 done
set -eu
n=${1:?usage: gen-history.sh N DIR}
dir=${2:?usage: gen-history.sh N DIR}
mkdir -p "$dir"
awk -v n="$n" 'BEGIN {
    split("not_started in_progress done blocked", s, " ");
    for (i = 0; i < n; i++) {
        t = 1600000000 + i;
        from = s[(i % 4) + 1]; to = s[((i + 1) % 4) + 1];
        printf "{\"id\":\"%016x\",\"at\":\"%s\",\"seq\":0,\"by\":\"bench\",\"agency\":null,\"plan\":\"2020-ip-strategy\",\"task\":%d,\"change\":{\"status\":{\"from\":\"%s\",\"to\":\"%s\"}}}\n", i + 1, strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), (i % 100) + 1, from, to
    }
}' > "$dir/bench@gen.jsonl"
