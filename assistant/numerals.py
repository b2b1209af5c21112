"""Chinese numerals as used in article numbers: 一 … 九十九, 一百零五, 廿一, 卅, 两, 〇."""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
TENS_SHORTHAND = {"廿": 20, "卅": 30, "卌": 40}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "".join(TENS_SHORTHAND)

_WRITE_DIGITS = "零一二三四五六七八九"


def to_int(text: str) -> int | None:
    """Parse a Chinese or Arabic numeral; None when it is not one."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in NUMERAL_CHARS for ch in text):
        return None
    # Positional form without units, e.g. 二〇一五.
    if not any(ch in UNITS or ch in TENS_SHORTHAND for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in TENS_SHORTHAND:
            total += TENS_SHORTHAND[ch]
        elif ch in DIGITS:
            current = DIGITS[ch]
        else:  # a unit: 十 alone means 10
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


def to_chinese(number: int) -> str:
    """Write 1 … 9999 the way article labels do: 十一, 二十, 一百零五."""
    if number <= 0:
        return _WRITE_DIGITS[0] if number == 0 else "负" + to_chinese(-number)
    parts: list[str] = []
    zero_pending = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit_value % 10
        if digit == 0:
            if parts:
                zero_pending = True
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_WRITE_DIGITS[digit] + unit)
    text = "".join(parts)
    if text.startswith("一十"):  # 十一, not 一十一
        text = text[1:]
    return text
