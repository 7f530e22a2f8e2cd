"""P59-2: a graph's SVG paints its own background before its edges and nodes: shown as an <img>, it cannot follow a
notebook's dark theme, where its grey edges were faint on near-black.

Oracle: SVG's painting order (later elements are drawn over earlier ones) and the document's own size.
"""
import xml.etree.ElementTree as ElementTree

import sympy

from symopt.display import graph

SVG = "{http://www.w3.org/2000/svg}"


def test_the_graph_is_drawn_on_a_background_of_its_own():
    w = sympy.Symbol("w")
    root = ElementTree.fromstring(graph(w**2 - 10 * w + 25, at={w: 0}).svg())
    drawn = [element for element in root if element.tag != SVG + "defs"]
    paper = drawn[0]
    assert paper.tag == SVG + "rect" and paper.get("x", "0") == paper.get("y", "0") == "0"
    assert (paper.get("width"), paper.get("height")) == (root.get("width"), root.get("height"))
    edges = [element for element in drawn if element.tag == SVG + "path"]
    assert edges and all(paper.get("fill") != edge.get("stroke") for edge in edges)
