#!/usr/bin/env bash
# Issue 21 speed: one week against rotations, side by side, one after the other on a quiet machine.
set -x
. /work/main/.venv/bin/activate
OUT=/work/bench-i21; mkdir -p $OUT
for round in 1 2; do
  cd /work/wt-1week && export PYTHONPATH=$PWD
  date -u +"%F %T demo one-week r$round" >> $OUT/log
  python -m benchmarks.run --set demo --time-limit 60 --workers 2 --out $OUT/demo-1week-r$round.csv > $OUT/demo-1week-r$round.txt 2>&1
  cd /work/wt-rot && export PYTHONPATH=$PWD
  date -u +"%F %T demo rotations r$round" >> $OUT/log
  python -m benchmarks.run --set demo --time-limit 60 --workers 2 --out $OUT/demo-rot-r$round.csv > $OUT/demo-rot-r$round.txt 2>&1
  date -u +"%F %T gen-scale r$round" >> $OUT/log
  python -m benchmarks.run --set gen-scale --time-limit 60 --workers 2 --out $OUT/gen-scale-r$round.csv > $OUT/gen-scale-r$round.txt 2>&1
  date -u +"%F %T gen-rotation r$round" >> $OUT/log
  python -m benchmarks.run --set gen-rotation --time-limit 60 --workers 2 --out $OUT/gen-rotation-r$round.csv > $OUT/gen-rotation-r$round.txt 2>&1
done
date -u +"%F %T done" >> $OUT/log
touch $OUT/DONE
