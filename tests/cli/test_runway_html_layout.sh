# test_runway_html_layout.sh: the HTML runway report at 400 and 1280 px and on paper.
# Headless Chromium renders the sample ledger's report:
#  - at 400 and 1280 CSS px: the screenshot is not blank, and the page does not
#    overflow sideways (document.documentElement.scrollWidth <= innerWidth);
#  - printed to PDF on A4 and on Letter: a PDF of more than one page of that size.
# Chromium will not lay a window out narrower than 500 px, so the page is shown in an
# iframe of the exact width (srcdoc, so the probe may read it); the probe script lives
# in the test's wrapper page only, the report itself has none.  A page made to
# overflow goes through the same probe first, so a probe that sees nothing fails.
# GIG_TEST_SHOTS=DIR keeps the screenshots and PDFs there.  Skips (77) without chromium.
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

chrome() {
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --force-color-profile=srgb \
		--user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" 2>>"$T/chrome.log"
}

# wrap PAGE WIDTH OUT: OUT shows PAGE in an iframe WIDTH px wide; on load the wrapper
# writes "scrollWidth innerWidth scrollHeight" of the framed page into data-probe.
wrap() {
	python3 - "$1" "$2" "$3" <<'PY'
import html, sys
page, width, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = open(page, encoding="utf-8").read()
open(out, "w", encoding="utf-8").write(
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}'
    'iframe{border:0;display:block}</style></head><body>'
    '<iframe id="f" style="width:%dpx;height:1400px" srcdoc="%s"></iframe><script>'
    'addEventListener("load",function(){var f=document.getElementById("f"),'
    'd=f.contentDocument.documentElement;document.body.setAttribute("data-probe",'
    'd.scrollWidth+" "+f.contentWindow.innerWidth+" "+d.scrollHeight)})</script>'
    '</body></html>' % (width, html.escape(doc, quote=True)))
PY
}

# probe PAGE WIDTH: prints "scrollWidth innerWidth scrollHeight" at that width
probe() {
	wrap "$1" "$2" "$T/probe-$2.html" || return 1
	win=$2
	[ "$win" -lt 500 ] && win=500
	chrome --window-size="$win,1400" --dump-dom "file://$T/probe-$2.html" |
		sed -n 's/.*data-probe="\([0-9 ]*\)".*/\1/p'
}

# the control: the same probe on a page with a 2000 px wide block must see overflow
sed 's|<body>|<body><div style="width:2000px;height:4px"></div>|' "$T/report.html" \
	>"$T/wide.html"
set -- $(probe "$T/wide.html" 400)
if [ $# -ne 3 ] || [ "$1" -le "$2" ]; then
	fail "the overflow probe does not see a 2000 px block at 400 px: '$*'"
fi

for width in 400 1280; do
	set -- $(probe "$T/report.html" "$width")
	if [ $# -ne 3 ]; then
		fail "no probe result at $width px: $(tail -3 "$T/chrome.log")"
		continue
	fi
	[ "$2" -eq "$width" ] || fail "the frame is $2 px wide, wanted $width"
	[ "$1" -le "$2" ] || fail "horizontal overflow at $width px: scrollWidth $1 > innerWidth $2"
	echo "$width px: scrollWidth $1, innerWidth $2, height $3"
	win=$width
	[ "$win" -lt 500 ] && win=500
	chrome --window-size="$win,1400" --screenshot="$T/shot-$width.png" \
		"file://$T/probe-$width.html" >/dev/null ||
		fail "chromium --screenshot at $width px: $(tail -3 "$T/chrome.log")"
done

for paper in A4 letter; do
	sed "s|</style>|@page{size:$paper}</style>|" "$T/report.html" >"$T/print-$paper.html"
	chrome --no-pdf-header-footer --print-to-pdf="$T/report-$paper.pdf" \
		"file://$T/print-$paper.html" >/dev/null ||
		fail "chromium --print-to-pdf ($paper): $(tail -3 "$T/chrome.log")"
done

python3 - "$T" <<'PY' || fail "screenshot and PDF checks"
import re, struct, sys, zlib

def png_colours(path, width):
    """Distinct colours in the left `width` columns (the framed page)."""
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
        for x in range(0, min(stride, width * bpp), bpp * 2):
            colours.add(bytes(line[x:x + 3]))
        prev = line
    return w, h, colours

t = sys.argv[1]
for width in (400, 1280):
    w, h, colours = png_colours("%s/shot-%d.png" % (t, width), width)
    assert w >= width and h >= 1000, (width, w, h)
    # text, the bars' green and red, the balance blue, the band: far more than 8
    assert len(colours) >= 8, "screenshot at %d px looks blank: %d colours" % (width, len(colours))
    print("%d px: screenshot %dx%d, %d colours" % (width, w, h, len(colours)))

# points: A4 is 210 x 297 mm, Letter 8.5 x 11 in
sizes = {"A4": (595.3, 841.9), "letter": (612.0, 792.0)}
for paper, (pw, ph) in sizes.items():
    pdf = open("%s/report-%s.pdf" % (t, paper), "rb").read()
    assert pdf.startswith(b"%PDF-"), (paper, pdf[:8])
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert pages > 1, (paper, "pages", pages)
    assert boxes, (paper, "no MediaBox")
    for bw, bh in boxes:
        assert abs(float(bw) - pw) < 2 and abs(float(bh) - ph) < 2, (paper, bw, bh)
    print("%s: %d pages of %sx%s pt, %d bytes" % (paper, pages, boxes[0][0].decode(),
                                                  boxes[0][1].decode(), len(pdf)))
PY

if [ -n "${GIG_TEST_SHOTS:-}" ]; then
	mkdir -p "$GIG_TEST_SHOTS" &&
		cp "$T"/shot-*.png "$T"/report-*.pdf "$T/report.html" "$GIG_TEST_SHOTS"/
fi
finish
