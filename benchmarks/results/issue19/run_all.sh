#!/usr/bin/env bash
# issue 19 before/after benchmarks, one after the other on a quiet machine
PY=/work/main/.venv/bin/python
B=/tmp/before; A=/tmp/after; OUT=/tmp/bench
cd $A; AFTER=$(git rev-parse --short HEAD); echo "after=$AFTER before=a737977" > $OUT/commits.txt
run() { (cd $1 && shift && "$@"); }
date > $OUT/start.txt
for round in 1 2; do
  run $B $PY -m benchmarks.stages --set fet-dev --repeats 3 > $OUT/stages-fet-before-$round.csv 2>>$OUT/err.log
  run $A $PY -m benchmarks.stages --set fet-dev --repeats 3 > $OUT/stages-fet-after-$round.csv 2>>$OUT/err.log
  run $B $PY -m benchmarks.stages --set gen-scale --repeats 3 > $OUT/stages-gen-before-$round.csv 2>>$OUT/err.log
  run $A $PY -m benchmarks.stages --set gen-scale --repeats 3 > $OUT/stages-gen-after-$round.csv 2>>$OUT/err.log
  run $B $PY -m benchmarks.stages --set demo --repeats 5 > $OUT/stages-demo-before-$round.csv 2>>$OUT/err.log
  run $A $PY -m benchmarks.stages --set demo --repeats 5 > $OUT/stages-demo-after-$round.csv 2>>$OUT/err.log
  run $B $PY $OUT/replan_ab.py --run $OUT/bases > $OUT/replan-before-$round.json 2>>$OUT/err.log
  run $A $PY $OUT/replan_ab.py --run $OUT/bases > $OUT/replan-after-$round.json 2>>$OUT/err.log
done
date > $OUT/stages-done.txt
run $B $PY -m benchmarks.run --set gen-scale --time-limit 60 --workers 2 --out $OUT/gen-scale-before.csv > $OUT/gen-scale-before.log 2>&1
run $A $PY -m benchmarks.run --set gen-scale --time-limit 60 --workers 2 --out $OUT/gen-scale-after.csv > $OUT/gen-scale-after.log 2>&1
date > $OUT/gen-done.txt
run $B $PY -m benchmarks.vs_fet --set fet-dev --time-limit 60 --workers 4 --seeds 3 --out $OUT/vs-fet-before.csv > $OUT/vs-fet-before.log 2>&1
date > $OUT/vsfet-before-done.txt
run $A $PY -m benchmarks.vs_fet --set fet-dev --time-limit 60 --workers 4 --seeds 3 --out $OUT/vs-fet-after.csv > $OUT/vs-fet-after.log 2>&1
date > $OUT/done.txt
