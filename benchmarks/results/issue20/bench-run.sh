#!/usr/bin/env bash
# Issue 20 before/after, one after the other on a quiet machine (no helpers running).
set -x
. /work/main/.venv/bin/activate
OUT=/work/bench-i20; mkdir -p $OUT
for side in before after; do
  cd /work/wt-$side && export PYTHONPATH=$PWD
  date -u +"%F %T start gen-scale $side" >> $OUT/log
  python -m benchmarks.run --set gen-scale --time-limit 60 --workers 2 --out $OUT/gen-scale-$side.csv > $OUT/gen-scale-$side.txt 2>&1
  date -u +"%F %T start demo $side" >> $OUT/log
  python -m benchmarks.run --set demo --time-limit 60 --workers 2 --out $OUT/demo-$side.csv > $OUT/demo-$side.txt 2>&1
done
for side in before after; do
  cd /work/wt-$side && export PYTHONPATH=$PWD
  date -u +"%F %T start vs_fet $side" >> $OUT/log
  python -m benchmarks.vs_fet --set fet-dev --time-limit 60 --workers 4 --seeds 1 --out $OUT/vs-fet-$side.csv > $OUT/vs-fet-$side.txt 2>&1
done
date -u +"%F %T done" >> $OUT/log
touch $OUT/DONE
