"""JPEG metadata (EXIF with GPS, comments, XMP) is stripped; the picture still decodes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from idpc_guard.redact.jpeg import metadata_segments, without_metadata


def _jpeg(**options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 32), (10, 200, 30)).save(out, "JPEG", **options)
    return out.getvalue()


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = "Home of witness, 14 Elm Grove"
    exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 33.0, 12.0)})
    return exif


def test_exif_gps_and_comments_go_and_the_picture_still_decodes() -> None:
    data = _jpeg(exif=_exif(), comment=b"Taken at 14 Elm Grove")
    assert metadata_segments(data) == 2
    clean = without_metadata(data)
    assert metadata_segments(clean) == 0
    assert b"Elm Grove" not in clean
    picture = Image.open(io.BytesIO(clean))
    assert picture.size == (64, 32) and not picture.getexif()
    assert picture.convert("RGB").getpixel((5, 5))[1] > 150


def test_a_plain_jpeg_is_unchanged() -> None:
    data = _jpeg()
    assert metadata_segments(data) == 0
    assert without_metadata(data) == data


@pytest.mark.parametrize(
    "data", [b"", b"not a jpeg", b"\xff\xd8\xff\xe1\xff\xff", b"\xff\xd8\x00\x00\x00\x00"]
)
def test_malformed_data_is_left_as_it_is(data: bytes) -> None:
    assert metadata_segments(data) == -1
    assert without_metadata(data) == data
