#!/usr/bin/env bash
# Crash test of the import: starts a large import through the command line and kills it
# with SIGKILL at moments spread over its whole run, again and again. After each kill the
# database must pass PRAGMA integrity_check, hold the import (and its undo step) either
# entirely or not at all, and still hold every row it had before, unchanged.
#
# Usage: scripts/crash-test.sh [PATH/TO/parkledger]
#   default binary: ${CARGO_TARGET_DIR:-target}/debug/parkledger (built by `cargo test`)
#   CRASH_RUNS (default 20) kills; CRASH_SEED picks the moments (printed, to repeat a run).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/debug/parkledger}")
runs=${CRASH_RUNS:-20}
seed=${CRASH_SEED:-$RANDOM}
[ -x "$bin" ] || { echo "crash-test: no binary at $bin (run cargo test or cargo build first)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "crash-test: needs python3 (its sqlite3 module reads the database)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The park the import writes to, and years the sample database has no values in, so
# every imported row is new and the import is easy to tell apart from what was there.
park="示例园区（虚构数据）"
first_year=1900
years=72

# What a database holds, as JSON: integrity_check, a hash of every table (rows of the
# value table up to `max_id` only: the rows that were there before the import), and the
# count and hash of the rows after `max_id` (what the import added).
inspect() { # DB MAX_ID
    python3 - "$1" "$2" <<'PY'
import hashlib, json, sqlite3, sys
db, max_id = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(db)
def digest(rows):
    return hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
out = {"integrity": con.execute("PRAGMA integrity_check").fetchall()}
# The undo history is checked on its own below: the import adds to it by design.
history = ("change_group", "change_row")
tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") if r[0] not in history]
out["tables"] = {t: digest(con.execute(f'SELECT * FROM "{t}"' + (" WHERE id <= ?" if t == "value" else ""), (max_id,) if t == "value" else ()).fetchall()) for t in tables}
cols = "park_id, indicator_id, year, start_month, end_month, kind, value, entered_amount, entered_unit, reported_yoy, source, derivation"
new = con.execute(f"SELECT {cols} FROM value WHERE id > ?", (max_id,)).fetchall()
out["new_count"], out["new_hash"] = len(new), digest(new)
out["max_id"] = con.execute("SELECT COALESCE(MAX(id), 0) FROM value").fetchone()[0]
# The import's undo step: rows recorded for the new values, and groups holding them.
out["history_rows"] = con.execute("SELECT COUNT(*) FROM change_row WHERE tbl = 'value' AND row_id > ?", (max_id,)).fetchone()[0]
out["history_groups"] = con.execute("SELECT COUNT(DISTINCT group_id) FROM change_row").fetchone()[0]
print(json.dumps(out))
PY
}

copy_db() { # FROM TO
    rm -f "$2" "$2-wal" "$2-shm"
    cp "$1" "$2"
    for side in -wal -shm; do [ ! -e "$1$side" ] || cp "$1$side" "$2$side"; done
}

# The pristine database and the large long-layout CSV: every builtin indicator, every
# month span (1-1月 … 12-12月) for each year.
"$bin" sample --db "$work/pristine.sqlite" >/dev/null
python3 - "$work/pristine.sqlite" "$work/import.csv" "$park" "$first_year" "$years" <<'PY'
import csv, sqlite3, sys
db, path, park, first, years = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
names = [r[0] for r in sqlite3.connect(db).execute("SELECT name_zh FROM indicator WHERE builtin ORDER BY id")]
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["园区", "指标", "单位", "年份", "起始月", "结束月", "类型", "数值"])
    n = 0
    for year in range(first, first + years):
        for i, name in enumerate(names):
            for a in range(1, 13):
                for b in range(a, 13):
                    n += 1
                    w.writerow([park, name, "", year, a, b, "实际", f"{(n * 7919 % 100000) / 100:.2f}"])
PY
rows=$(($(wc -l <"$work/import.csv") - 1))
before=$(inspect "$work/pristine.sqlite" 0)
max_id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["max_id"])' "$before")
before=$(inspect "$work/pristine.sqlite" "$max_id")

# One run to the end: how long the import takes, and what it leaves.
copy_db "$work/pristine.sqlite" "$work/uncut.sqlite"
start=$(date +%s.%N)
"$bin" import "$work/import.csv" --db "$work/uncut.sqlite" >"$work/uncut.out" 2>&1
took=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)")
complete=$(inspect "$work/uncut.sqlite" "$max_id")
echo "crash-test: $rows rows into “$park”; an uncut import takes ${took}s; $(tail -1 "$work/uncut.out")"

# Checks a database against the pristine one and the uncut import; prints the verdict
# (`absent`, `complete`) or `FAIL: why`.
verdict() { # DB
    python3 - "$before" "$complete" "$(inspect "$1" "$max_id")" <<'PY'
import json, sys
before, complete, now = (json.loads(a) for a in sys.argv[1:4])
problems = []
if now["integrity"] != [["ok"]]:
    problems.append(f"integrity_check: {now['integrity'][:3]}")
changed = [t for t in before["tables"] if now["tables"].get(t) != before["tables"][t]]
if changed:
    problems.append(f"earlier data changed in {', '.join(changed)}")
# The undo step lands with the data or not at all.
if (now["history_rows"], now["history_groups"]) != ((now["new_count"], 1) if now["new_count"] else (0, 0)):
    problems.append(f"undo history out of step: {now['history_rows']} rows in {now['history_groups']} groups for {now['new_count']} values")
if now["new_count"] == 0:
    state = "absent"
elif (now["new_count"], now["new_hash"]) == (complete["new_count"], complete["new_hash"]):
    state = "complete"
else:
    state = None
    problems.append(f"partial import: {now['new_count']} of {complete['new_count']} rows")
print("FAIL: " + "; ".join(problems) if problems else state)
PY
}

first=$(verdict "$work/uncut.sqlite")
if [ "$first" != complete ] || [ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["new_count"])' "$complete")" != "$rows" ]; then
    echo "crash-test: the uncut import did not write all $rows rows ($first)" >&2
    exit 1
fi

# Kill moments: run i of N dies somewhere in the i-th N-th of the uncut time (plus a
# tenth more at the end), so the kills cover planning, writing and committing.
mapfile -t delays < <(python3 -c '
import random, sys
runs, took, seed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
span = took * 1.1
for i in range(runs):
    print(f"{(i + rnd.random()) * span / runs:.3f}")
' "$runs" "$took" "$seed")

echo "crash-test: $runs kills, seed $seed"
failed=0 n_absent=0 n_complete=0
for i in "${!delays[@]}"; do
    d=${delays[$i]}
    db="$work/run.sqlite"
    copy_db "$work/pristine.sqlite" "$db"
    "$bin" import "$work/import.csv" --db "$db" >"$work/run.out" 2>&1 &
    pid=$!
    sleep "$d"
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    case $rc in
        137) killed=killed ;;
        0) killed="finished before" ;;
        *) echo "crash-test: the import failed by itself (exit $rc):" >&2; tail -3 "$work/run.out" >&2; exit 1 ;;
    esac
    # How far it had got, from what it printed: the plan's lines, then its summary, then
    # the transaction, then the count committed.
    if grep -q '^已写入' "$work/run.out"; then phase=committed
    elif grep -q '^新增 [0-9]* 条' "$work/run.out"; then phase=writing
    elif [ -s "$work/run.out" ]; then phase=listing
    else phase=planning; fi
    v=$(verdict "$db")
    printf 'run %2d: %s at %6.3fs (%s): %s\n' "$((i + 1))" "$killed" "$d" "$phase" "$v"
    case "$v" in
        absent) n_absent=$((n_absent + 1)) ;;
        complete) n_complete=$((n_complete + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
done
echo "crash-test: $runs kills: $n_absent absent, $n_complete complete, $failed failed"
[ "$failed" -eq 0 ]
