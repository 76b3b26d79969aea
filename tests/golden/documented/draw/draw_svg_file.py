# refpy-only: CPython has no `refpy` module. refpy.draw(obj, path) writes the objects
# reachable from obj, with their refcounts, as DOT (*.dot) or SVG (docs/EXPLAIN.md,
# "Drawing the object graph"); expectations are written by hand.
# Any other path gets SVG, laid out in-process (no graphviz).
import os
import refpy
class Point:
    def __init__(self):
        self.x = 1000
p = Point()
refpy.draw([p, p], "draw_svg_file.tmp.svg")
with open("draw_svg_file.tmp.svg") as f:
    svg = f.read()
os.remove("draw_svg_file.tmp.svg")
print(svg.startswith("<?xml"), "<svg" in svg, svg.rstrip().endswith("</svg>"))
print(svg.count("<rect"), "list" in svg, "Point" in svg, "&lt;__main__.Point object&gt;" in svg)
# The temporary list is held by the call alone: refcount 0, as sys.getrefcount([]) - 1.
print(sorted(t.split("<")[0] for t in svg.split(">") if t.startswith("refcount")), ">x<" in svg)
