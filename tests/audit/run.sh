#!/bin/sh
# Runs rinse on every audit file. neg/*: must come out byte-identical.
# pos/X.in.{txt,html}: must come out as pos/X.clean.{txt,html}.
cd "$(dirname "$0")"
BIN=${BIN:-../../target/release/rinse}
fail=0
for f in neg/*.txt neg/*.html; do
  case $f in *.txt) fmt=text;; *) fmt=html;; esac
  if ! $BIN clean --format $fmt "$f" | cmp -s - "$f"; then echo "HARM $f"; fail=1; fi
done
for f in pos/*.in.*; do
  case $f in *.txt) fmt=text; ext=txt;; *) fmt=html; ext=html;; esac
  want=${f%.in.*}.clean.$ext
  if ! $BIN clean --format $fmt "$f" | cmp -s - "$want"; then echo "MISS $f"; fail=1; fi
done
exit $fail
