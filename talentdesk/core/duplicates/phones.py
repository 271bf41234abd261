"""Phone numbers compared as E.164 (`+48601234567`), whatever way they were typed.

A number without a country prefix is read in the candidate's country (a name or an ISO code);
without a known country it cannot be placed, and `e164` gives None rather than a guess.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from talentdesk.core.normalize import sort_key

# Country names as recruiters type them (English and native), lower-case and unaccented.
_REGIONS: dict[str, str] = {
    "austria": "AT", "osterreich": "AT", "belgium": "BE", "belgie": "BE", "belgique": "BE",
    "bulgaria": "BG", "croatia": "HR", "hrvatska": "HR", "cyprus": "CY", "czechia": "CZ",
    "czech republic": "CZ", "cesko": "CZ", "denmark": "DK", "danmark": "DK", "estonia": "EE",
    "eesti": "EE", "finland": "FI", "suomi": "FI", "france": "FR", "germany": "DE",
    "deutschland": "DE", "greece": "GR", "hungary": "HU", "magyarorszag": "HU",
    "ireland": "IE", "italy": "IT", "italia": "IT", "latvia": "LV", "lithuania": "LT",
    "luxembourg": "LU", "malta": "MT", "netherlands": "NL", "the netherlands": "NL",
    "nederland": "NL", "holland": "NL", "norway": "NO", "norge": "NO", "poland": "PL",
    "polska": "PL", "portugal": "PT", "romania": "RO", "slovakia": "SK", "slovensko": "SK",
    "slovenia": "SI", "slovenija": "SI", "spain": "ES", "espana": "ES", "sweden": "SE",
    "sverige": "SE", "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "svizzera": "CH",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "ukraine": "UA", "ukraina": "UA", "united states": "US",
    "united states of america": "US", "usa": "US", "us": "US", "canada": "CA",
    "australia": "AU", "new zealand": "NZ", "india": "IN", "israel": "IL", "turkey": "TR",
    "turkiye": "TR", "brazil": "BR", "brasil": "BR", "mexico": "MX", "argentina": "AR",
    "japan": "JP", "china": "CN", "singapore": "SG", "south africa": "ZA",
    "united arab emirates": "AE", "uae": "AE", "serbia": "RS", "srbija": "RS",
    "iceland": "IS", "belarus": "BY", "moldova": "MD", "georgia": "GE", "armenia": "AM",
}  # fmt: skip


def region_of(country: str | None) -> str | None:
    """The ISO region code for a country as typed ("Poland", "polska", "PL"), or None."""
    if not country:
        return None
    key = sort_key(country)  # lower-case, unaccented, single spaces
    if len(key) == 2 and key.upper() in phonenumbers.SUPPORTED_REGIONS:
        return key.upper()
    return _REGIONS.get(key)


@lru_cache(maxsize=4096)
def _parse(raw: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def e164(raw: str | None, country: str | None = None) -> str | None:
    """`+48 601-234-567`, `0048 601 234 567` and `601 234 567` in Poland → `+48601234567`;
    None for something that is not a possible number, or lacks a prefix and a known country."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    return _parse(text, None if text.startswith("+") else region_of(country))
