"""Cut-outs of small or tilted text, page skew, and the repairs of OCR lines (synthetic)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from idpc_guard.ocr.lines import (
    OcrLine,
    OcrWord,
    Quad,
    overlap,
    repair_case,
    rows_to_lines,
)
from idpc_guard.ocr.zoom import (
    Cutout,
    clusters,
    level_page,
    page_skew,
    plan_cutouts,
    text_angle,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _box(cx: float, cy: float, length: float, height: float, degrees: float) -> Quad:
    """A text box centred on (cx, cy), running at ``degrees`` (y down)."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    half_l, half_h = length / 2, height / 2
    corners = [(-half_l, -half_h), (half_l, -half_h), (half_l, half_h), (-half_l, half_h)]
    pts = [(cx + x * c - y * s, cy + x * s + y * c) for x, y in corners]
    return (pts[0], pts[1], pts[2], pts[3])


def _label(degrees: float, step: float = 40.0) -> list[Quad]:
    """Four lines of a label, each a box, tilted together."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [_box(300 - k * step * s, 300 + k * step * c, 200, 36, degrees) for k in range(4)]


@pytest.mark.parametrize("degrees", [-44.0, -30.0, 0.0, 12.5, 38.0, 89.0])
def test_text_angle_follows_the_lines(degrees: float) -> None:
    assert text_angle(_label(degrees)) == pytest.approx(degrees, abs=0.5)


def test_text_angle_averages_across_the_vertical() -> None:
    # 89 and -89 degrees are both nearly vertical: the mean is vertical, not level.
    boxes = [_box(100, 100, 200, 30, 89.0), _box(200, 100, 200, 30, -89.0)]
    assert abs(text_angle(boxes)) == pytest.approx(90.0, abs=0.5)


def test_squat_fragments_do_not_outvote_long_lines() -> None:
    boxes = [*_label(30.0), _box(310, 310, 30, 30, -60.0), _box(330, 330, 25, 25, -55.0)]
    assert text_angle(boxes) == pytest.approx(30.0, abs=1.0)


def test_boxes_near_each_other_form_one_cluster_and_far_ones_another() -> None:
    near = _label(20.0)
    far = [_box(1500, 1200, 150, 30, 0.0)]
    groups = clusters([*near, *far])
    assert sorted(len(g) for g in groups) == [1, 4]


def test_cutout_maps_points_back_and_knows_what_it_holds() -> None:
    cut = Cutout(angle=30.0, scale=2.0, u0=100.0, v0=-50.0, width=400, height=200)
    for p in [(0.5, 0.5), (123.0, 45.0), (399.5, 199.5)]:
        x, y = cut.to_picture(p)
        assert cut.contains((x, y))
    assert not cut.contains(cut.to_picture((-40.0, 10.0)))
    assert not cut.contains(cut.to_picture((10.0, 260.0)))


def test_tilted_or_small_clusters_are_planned_and_level_large_text_is_not() -> None:
    tilted = plan_cutouts(_label(35.0))
    assert len(tilted) == 1 and tilted[0].angle == pytest.approx(35.0, abs=0.5)
    level_big = [_box(300, 300 + 90 * k, 600, 80, 0.0) for k in range(3)]
    assert plan_cutouts(level_big) == []
    level_small = [_box(300, 300 + 30 * k, 200, 24, 0.0) for k in range(3)]
    (small,) = plan_cutouts(level_small)
    assert small.scale > 1.5


def test_cutout_levels_tilted_text_and_stretches_pale_ink() -> None:
    # Pale grey text drawn level, then the picture turned 30 degrees.
    picture = Image.new("RGB", (400, 200), (225, 225, 225))
    ImageDraw.Draw(picture).rectangle((100, 90, 300, 110), fill=(180, 180, 180))
    turned = np.asarray(picture.rotate(-30, expand=True, fillcolor=(225, 225, 225)))
    h, w = turned.shape[:2]
    box = _box(w / 2, h / 2, 200, 20, 30.0)
    c, s = math.cos(math.radians(30.0)), math.sin(math.radians(30.0))
    us = [x * c + y * s for x, y in box]
    vs = [-x * s + y * c for x, y in box]
    cut = Cutout(30.0, 1.0, min(us) - 10, min(vs) - 10, round(max(us) - min(us)) + 20, 40)
    pixels = cut.cut(turned)
    grey = pixels.mean(axis=2)
    # The bar is level: its middle row is dark from end to end, rows outside it are light.
    assert grey[20, 15:-15].max() < 60
    assert grey[2, :].min() > 200 and grey[-3, :].min() > 200


def _page(degrees: float) -> np.ndarray:
    page = Image.new("RGB", (1200, 1600), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 26)
    for k in range(25):
        draw.text(
            (100, 100 + k * 50), "This statement is true to the best of my", fill=0, font=font
        )
    return np.asarray(page.rotate(degrees, fillcolor="white"))


@pytest.mark.parametrize("degrees", [-3.0, -1.2, 0.0, 2.4])
def test_page_skew_is_measured(degrees: float) -> None:
    # PIL turns anticlockwise: lines then run at -degrees in picture coordinates (y down).
    assert page_skew(_page(degrees)) == pytest.approx(-degrees, abs=0.25)


def test_a_level_page_is_not_turned_and_a_skewed_one_maps_back() -> None:
    assert level_page(_page(0.0)) is None
    cut = level_page(_page(2.0))
    assert cut is not None
    assert cut.scale == 1.0 and cut.width >= 1200 and cut.height >= 1600
    # Every page corner lies inside the levelled copy.
    for corner in [(0.0, 0.0), (1199.0, 0.0), (1199.0, 1599.0), (0.0, 1599.0)]:
        assert cut.contains(corner)


@pytest.mark.parametrize(
    ("word", "repaired"),
    [
        ("JoNES", "JONES"),
        ("HARRISoN", "HARRISON"),
        ("WAsHINGToN", "WASHINGTON"),
        ("CooK", "COOK"),
        ("Jones", "Jones"),
        ("Cook", "Cook"),
        ("McDonald", "McDonald"),
        ("No", "No"),
        ("NHS", "NHS"),
        ("JoNe", "JoNe"),
        ("ABCd", "ABCd"),
        ("12oo", "12oo"),
    ],
)
def test_case_repair_only_touches_look_alikes_in_capital_words(word: str, repaired: str) -> None:
    assert repair_case(word) == repaired
    assert len(repair_case(word)) == len(word)


def _row(text: str, score: float = 0.9) -> list[object]:
    return [[[0, 0], [10 * len(text), 0], [10 * len(text), 20], [0, 20]], text, score]


@pytest.mark.parametrize(
    ("read", "words"),
    [
        ("BYRNEAnthony", ["BYRNE", "Anthony"]),
        ("NHSNumber6748275342", ["NHS", "Number6748275342"]),
        ("Name:FrederickEVANS", ["Name:Frederick", "EVANS"]),
        ("HospitalNo:RX4412012", ["Hospital", "No:RX4412012"]),
        ("McDONALD", ["McDONALD"]),
        ("MacDonald", ["MacDonald"]),
        ("MRN:RX5525843", ["MRN:RX5525843"]),
    ],
)
def test_lost_spaces_between_capitals_and_words_are_restored(read: str, words: list[str]) -> None:
    (line,) = rows_to_lines([_row(read)], 0.5)
    assert [w.text for w in line.words] == words


def test_rows_below_the_score_are_dropped_and_points_mapped() -> None:
    lines = rows_to_lines([_row("DOB", 0.3), _row("NHS", 0.8)], 0.5, lambda p: (p[0] + 5, p[1]))
    (line,) = lines
    assert line.text == "NHS"
    assert line.words[0].quad[0] == (5.0, 0.0)


def _line(x0: float, y0: float, x1: float, y1: float, text: str = "x") -> OcrLine:
    return OcrLine((OcrWord(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0.9),))


def test_overlap_is_shared_text_not_neighbouring_lines() -> None:
    first = _line(0, 0, 200, 30)
    again = _line(10, 5, 190, 28)
    below = _line(0, 40, 200, 70)
    merged = _line(0, 0, 200, 70)  # a first reading that ran two lines together
    assert overlap(first, again) and overlap(again, first)
    assert not overlap(first, below)
    assert overlap(merged, below) and overlap(merged, first)
