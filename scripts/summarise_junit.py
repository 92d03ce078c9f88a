"""Print one line per pytest run: how many tests ran, passed, failed, were skipped (from JUnit XML)."""

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - reads the reports pytest just wrote
from pathlib import Path

COUNTS = ("tests", "failures", "errors", "skipped")

for name in sys.argv[1:]:
    path = Path(name)
    if not path.exists():
        print(f"{path.stem:>10}: no report")
        continue
    suite = ET.parse(path).getroot()  # noqa: S314 - our own file
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    tests, failures, errors, skipped = (int(suite.get(k, 0)) for k in COUNTS)
    e2e = sum(1 for case in suite.iter("testcase") if ".e2e." in case.get("classname", "") and not list(case))
    passed = tests - failures - errors - skipped
    print(
        f"{path.stem:>10}: {tests} tests, {passed} passed, {failures} failed, {errors} errors, "
        f"{skipped} skipped; browser tests passed: {e2e}"
    )
