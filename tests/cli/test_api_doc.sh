# test_api_doc.sh: the manual (error.h, the README) says what the code does; see
# tests/cli/api_doc.py for the checks.
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
python3 "$(dirname "$0")/api_doc.py" "$(cd "$(dirname "$0")/../.." && pwd)"
