#!/usr/bin/env bash
# plantrack against fzf on the same tasks, runs interleaved (one plantrack
# run, one fzf run, and again), medians printed with their ratio.
#
#   bash scripts/bench-vs-fzf.sh                 # 100k tasks, 7 runs
#   SIZES="100000 1000000" RUNS=5 bash scripts/bench-vs-fzf.sh
#
# Figures: one-shot search (plantrack with its plan cache filled, and with
# no cache at all, against `fzf --filter`); start-up until the first screen
# (plantrack's loading screen) and until the plan's screen settles, and each
# keystroke until the screen settles, in a PTY
# (examples/pty_race.rs, the same measure for both programs); peak memory
# with the TUI open and a query typed. Needs fzf (Debian: apt-get install
# fzf); installs nothing. Generated plans go to $WORK (default
# /tmp/plantrack-bench), reused when present.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-100000}
RUNS=${RUNS:-7}
WORK=${WORK:-/tmp/plantrack-bench}
QUERIES=${QUERIES:-"专利审查 zlsc 专 cnipa"}
KEYS=${KEYS:-"zlsc 专利审查 cnipa"}

if ! command -v fzf >/dev/null; then
    echo "bench-vs-fzf: fzf not found; install it (Debian/Ubuntu: apt-get install fzf)" >&2
    exit 1
fi
cargo build --release --quiet --bin plantrack --example gen_plan --example pty_race
PT=$PWD/target/release/plantrack
RACE=$PWD/target/release/examples/pty_race
mkdir -p "$WORK"
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
# plantrack's own state and cache live here, not in the user's home.
export HOME=$HOME_DIR XDG_DATA_HOME=$HOME_DIR/data XDG_CONFIG_HOME=$HOME_DIR/config
export XDG_CACHE_HOME=$HOME_DIR/cache
unset PLANTRACK_STATE PLANTRACK_CONFIG
# Who the user is, so that the first start goes straight to the plan
# instead of asking (src/cli/me.rs): the figures are the plan's screen.
export PLANTRACK_AGENCY=知识产权局

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# Wall time of one command in ms ($EPOCHREALTIME: no process started to read the clock).
wall() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    local end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f\n", (b-a)*1000}'
}
row() { # figure plantrack fzf
    awk -v f="$1" -v p="$2" -v z="$3" 'BEGIN {
        r = (p > 0 && z != "") ? sprintf("%.2f×", z/p) : "—";
        printf "| %s | %s | %s | %s |\n", f, p, z, r }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  nproc: $(nproc)  fzf: $(fzf --version | cut -d' ' -f1)"
echo
echo "| figure | plantrack | fzf | fzf / plantrack |"
echo "|---|---|---|---|"
for n in $SIZES; do
    plan=$WORK/p$n.json lines=$WORK/p$n.txt
    if [ ! -s "$plan" ] || [ ! -s "$lines" ]; then
        target/release/examples/gen_plan --tasks "$n" --seed 7 --out "$plan" --lines "$lines" >/dev/null
    fi
    "$PT" --plan "$plan" search x >/dev/null 2>&1 || true # fills the cache
    for q in $QUERIES; do
        cached=() parsed=() fzf=()
        for _ in $(seq "$RUNS"); do
            cached+=("$(wall "$PT" --plan "$plan" search "$q")")
            fzf+=("$(wall sh -c 'exec fzf --filter "$1" < "$2"' sh "$q" "$lines")")
            # No cache: a cache directory that cannot exist.
            parsed+=("$(XDG_CACHE_HOME=/dev/null/none wall "$PT" --plan "$plan" search "$q")")
        done
        f=$(printf '%s\n' "${fzf[@]}" | median)
        row "one-shot \`$q\`, $n tasks, ms (cached plan)" "$(printf '%s\n' "${cached[@]}" | median)" "$f"
        row "one-shot \`$q\`, $n tasks, ms (no cache)" "$(printf '%s\n' "${parsed[@]}" | median)" "$f"
    done
    for keys in $KEYS; do
        out_p=$(mktemp) out_f=$(mktemp)
        for _ in $(seq "$RUNS"); do
            # plantrack draws a loading screen first: its start-up is timed
            # until the plan's own header ("filter:") is on screen, and the
            # loading screen in a run of its own.
            "$RACE" --ready "filter:" --before / --keys "$keys" -- "$PT" --lang en --plan "$plan" >>"$out_p" 2>/dev/null || true
            "$RACE" --quiet 20 --ready "Loading" -- "$PT" --lang en --plan "$plan" 2>/dev/null |
                sed -n 's/^ready/loading_screen/p' >>"$out_p" || true
            "$RACE" --keys "$keys" -- sh -c 'exec fzf < "$1"' sh "$lines" >>"$out_f" 2>/dev/null || true
        done
        pick() { awk -F'\t' -v k="$2" '$1 == k {print $2}' "$1" | median; }
        if [ "$keys" = "$(echo $KEYS | cut -d' ' -f1)" ]; then
            row "start-up to settled first screen, $n tasks, ms" "$(pick "$out_p" settled)" "$(pick "$out_f" settled)"
            row "start-up to first byte, $n tasks, ms" "$(pick "$out_p" first_byte)" "$(pick "$out_f" first_byte)"
            row "start-up to a first screen (plantrack: its loading screen; fzf: first byte), $n tasks, ms" "$(pick "$out_p" loading_screen)" "$(pick "$out_f" first_byte)"
        fi
        typed=""
        for c in $(echo "$keys" | grep -o .); do
            typed="$typed$c"
            row "key \`$typed\` to settled screen, $n tasks, ms" "$(pick "$out_p" "key $typed")" "$(pick "$out_f" "key $typed")"
        done
        p_kb=$(pick "$out_p" peak_rss_kb) f_kb=$(pick "$out_f" peak_rss_kb)
        row "peak memory, TUI after typing \`$keys\`, $n tasks, bytes per task" \
            "$(awk -v k="$p_kb" -v n="$n" 'BEGIN {printf "%.0f", k*1024/n}')" \
            "$(awk -v k="$f_kb" -v n="$n" 'BEGIN {printf "%.0f", k*1024/n}')"
        rm -f "$out_p" "$out_f"
    done
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
