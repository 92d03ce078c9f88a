"""Print one line per pytest run: how many tests ran, passed, failed, were skipped (from JUnit XML)."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

for name in sys.argv[1:]:
    path = Path(name)
    if not path.exists():
        print(f"{path.stem:>10}: no report")
        continue
    suite = ET.parse(path).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    tests, failures, errors, skipped = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    e2e = sum(1 for case in suite.iter("testcase") if ".e2e." in case.get("classname", "") and not list(case))
    print(f"{path.stem:>10}: {tests} tests, {tests - failures - errors - skipped} passed, {failures} failed, "
          f"{errors} errors, {skipped} skipped; browser tests passed: {e2e}")
