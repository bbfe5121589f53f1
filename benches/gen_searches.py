#!/usr/bin/env python3
"""Generates a synthetic search-events log for benches/aggregate.sh.

    python3 benches/gen_searches.py --rows 10000000 --out events.csv [--seed 1]

Columns: timestamp,query,nb_hits,clicked_entry,locale (faqlint's generic events CSV).
Queries are French and English phrases built from a labour-law / public-health
vocabulary, drawn with a Zipf-like law (a few queries searched very often, a long tail):
~30,000 base queries, each with spelling variants (case, accents dropped, doubled spaces,
a trailing `?`, a typo), plus ~3 % one-off queries (a base query and a number or an extra
word) that make the tail long, and ~0.1 % with personal data (fake e-mail addresses,
phone numbers, card numbers) for the redaction path. Deterministic for a given seed.
Standard library only.
"""

import argparse
import bisect
import random
import sys
import time
import unicodedata

FR = """congés payés rupture conventionnelle préavis démission licenciement arrêt maladie
indemnités salaire minimum heures supplémentaires contrat travail durée période essai
télétravail mutuelle prime ancienneté convention collective employeur salarié cdd cdi
formation professionnelle visite médicale médecine accident trajet chômage partiel
retraite progressive temps partiel repos hebdomadaire jours fériés congé maternité
paternité parental naissance mariage décès enfant malade harcèlement moral sexuel
discrimination égalité rémunération bulletin paie fiche calcul brut net cotisations
mutation reclassement inaptitude handicap apprentissage stage alternance intérim
saisonnier travail nuit dimanche astreinte forfait jours cadre comité social économique
délégué syndical élections grève sanction disciplinaire avertissement mise pied faute
grave lourde solde tout compte certificat attestation pôle emploi démarches délai""".split()
EN = """vaccine booster dose side effects symptoms testing quarantine isolation mask
travel children pregnancy fever cough appointment cost insurance free pharmacy clinic
variant omicron delta immunity antibodies second third shot schedule eligibility age
elderly allergy reaction myocarditis blood clot safety ingredients approval emergency
authorization pfizer moderna johnson card record proof certificate workplace school
outbreak exposure contact tracing rapid antigen pcr results positive negative recovery
long covid treatment hospital ventilator oxygen medication antiviral""".split()
STOP_FR = "de la le les des du d' l' et à pour en sur un une".split()
STOP_EN = "the a of for to in on and is do I can my after".split()
FIRST = ["jean", "marie", "paul", "sophie", "luc", "emma"]
DOMAINS = ["example.fr", "example.com", "mail.example.org"]


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def phrase(rng, words, stops):
    n = rng.choice((1, 2, 2, 3, 3, 3, 4, 5))
    out = []
    for i in range(n):
        if i and rng.random() < 0.35:
            out.append(rng.choice(stops))
        out.append(rng.choice(words))
    return " ".join(out).replace("' ", "'")


def variant(rng, q):
    r = rng.random()
    if r < 0.55:
        return q
    if r < 0.65:
        return q.capitalize()
    if r < 0.75:
        return fold(q)
    if r < 0.82:
        return q + " ?"
    if r < 0.87:
        return q.replace(" ", "  ", 1)
    if r < 0.92:
        return q.upper()
    if len(q) > 4:  # a typo: two letters swapped
        i = rng.randrange(len(q) - 1)
        return q[:i] + q[i + 1] + q[i] + q[i + 2:]
    return q


def pii(rng):
    r = rng.random()
    if r < 0.4:
        return f"{rng.choice(FIRST)}.{rng.randrange(100)}@{rng.choice(DOMAINS)}"
    if r < 0.8:
        return "06 " + " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
    return "4111 1111 1111 1111"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bases", type=int, default=30_000)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    bases = []
    for i in range(args.bases):
        fr = rng.random() < 0.7
        q = phrase(rng, FR if fr else EN, STOP_FR if fr else STOP_EN)
        hits = 0 if rng.random() < 0.3 else rng.choice((1, 2, 3, 5, 8, 13, 40))
        entry = f"entry-{rng.randrange(2000)}" if hits else ""
        bases.append((q, "fr" if fr else "en", hits, entry))
    # Zipf-like weights (s = 1.07), cumulative for bisect.
    cum = []
    total = 0.0
    for rank in range(1, len(bases) + 1):
        total += 1.0 / rank**1.07
        cum.append(total)
    # Precomputed spellings per base (most rows reuse them: fast generation).
    spell = [[variant(rng, b[0]) for _ in range(6)] for b in bases]

    t = 1_793_520_000  # 2026-11-01T08:00:00Z, seconds
    ts = ""
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("timestamp,query,nb_hits,clicked_entry,locale\n")
        buf = []
        rnd = rng.random
        for n in range(args.rows):
            i = bisect.bisect_left(cum, rnd() * total)
            q, loc, hits, entry = bases[i]
            r = rnd()
            if r < 0.03:
                q = f"{q} {rng.randrange(1, 100000)}" if r < 0.015 else f"{q} {rng.choice(FR if loc == 'fr' else EN)} {rng.randrange(1000)}"
            elif r < 0.031:
                q = f"{q} {pii(rng)}"
            else:
                q = spell[i][int(r * 1000) % 6]
            if "," in q or '"' in q:
                q = '"' + q.replace('"', '""') + '"'
            clicked = entry if hits and rnd() < 0.4 else ""
            if n % 16 == 0:  # ~ one search every 60 ms, about a week in all
                t += 1
                ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
            buf.append(f"{ts},{q},{hits},{clicked},{loc}\n")
            if len(buf) >= 100_000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))
    print(f"{args.rows} rows -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
