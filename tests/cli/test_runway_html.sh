# test_runway_html.sh: `gig runway --format html` rendered by headless Chromium.
# The screenshot must not be blank (many distinct colours, counted by a stdlib-only PNG
# decoder), and every figure tagged in the rendered page (data-key + data-minor or
# data-value, read from --dump-dom) must equal the same key in `gig runway --json`, with
# the visible text matching the number.  Skips (77) when chromium is not installed.
. "$(dirname "$0")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "skip: chromium is not installed (apt-get install -y chromium)" >&2
	exit 77
fi
LOADER="$(dirname "$GIG")/tests/test_report_sample"
if [ ! -x "$LOADER" ]; then
	echo "skip: $LOADER (the sample loader) is not built" >&2
	exit 77
fi
"$LOADER" --write "$GIG_DB" || { echo "FAIL: loading the sample ledger" >&2; exit 1; }

expect_rc 0 "$GIG" runway --format html -o "$T/report.html"
expect_rc 0 "$GIG" runway --json
cp "$T/out" "$T/report.json"

chrome() {
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@"
}
(cd "$T" && chrome --window-size=1000,1400 --screenshot="$T/shot.png" "file://$T/report.html") \
	>"$T/chrome.log" 2>&1 || fail "chromium --screenshot: $(tail -5 "$T/chrome.log")"
chrome --dump-dom "file://$T/report.html" >"$T/dom.html" 2>"$T/chrome-dom.log" ||
	fail "chromium --dump-dom: $(tail -5 "$T/chrome-dom.log")"

python3 - "$T/shot.png" "$T/dom.html" "$T/report.json" <<'PY' || fail "HTML checks"
import json, re, struct, sys, zlib
from html.parser import HTMLParser

def png_colours(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype = ihdr[:4]
    assert depth == 8 and ctype in (2, 6), ("unsupported PNG", depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours = set()
    i = 0
    for _ in range(h):
        f = raw[i]; i += 1
        line = bytearray(raw[i:i + stride]); i += stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pr) & 255
        for x in range(0, stride, bpp * 4):   # every 4th pixel is plenty
            colours.add(bytes(line[x:x + 3]))
        prev = line
    return w, h, colours

w, h, colours = png_colours(sys.argv[1])
assert w >= 800 and h >= 800, (w, h)
assert len(colours) >= 8, "screenshot looks blank: %d colours" % len(colours)

class Tags(HTMLParser):
    def __init__(self):
        super().__init__(); self.cells = []; self.cur = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-key" in a:
            self.cur = [a["data-key"], a.get("data-minor"), a.get("data-value"), "",
                        a.get("data-shown")]
            self.cells.append(self.cur)
    def handle_endtag(self, tag):
        self.cur = None
    def handle_data(self, data):
        if self.cur is not None:
            self.cur[3] += data

dom = open(sys.argv[2], encoding="utf-8").read()
assert "<svg" in dom and "<polyline" in dom, "no chart in the rendered page"
p = Tags(); p.feed(dom)
r = json.load(open(sys.argv[3]))

def lookup(path):
    v = r
    for part in path.split("."):
        v = v[int(part)] if isinstance(v, list) else v[part]
    return v

checked = 0
negated = 0
for key, minor, value, text, shown_as in p.cells:
    want = lookup(key)
    text = text.strip()
    if minor is not None:
        assert int(minor) == want, (key, minor, want)
        # a positive expense in a "minus" line shows the negation of its JSON figure
        sign = -1 if shown_as == "negated" else 1
        assert shown_as in (None, "negated"), (key, shown_as)
        negated += shown_as == "negated"
        shown = "{:,.2f}".format(sign * int(minor) / 100)
        assert text == shown, (key, text, shown)
    elif value is not None:
        if value == "null":
            assert want is None, (key, want)
            assert text in ("never", "n/a"), (key, text)
        else:
            assert abs(float(value) - want) < 1e-9, (key, value, want)
    else:
        assert text == want, (key, text, want)
    checked += 1
need = {"cash_minor", "tax_owed_minor", "reserve_target_minor", "buffer_minor",
        "safe_to_spend_minor", "salary_minor", "runway.p50", "months.0.balance_minor"}
missing = need - {c[0] for c in p.cells}
assert not missing, missing
assert checked >= 100, checked
print("%d figures match the JSON; screenshot %dx%d with %d colours" % (checked, w, h, len(colours)))
PY
finish
