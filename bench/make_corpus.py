"""Write a benchmark project of N made-up interviews: `python bench/make_corpus.py N DIR`.

Seeded and deterministic: the same N gives the same files, byte for byte.
Interviews follow the conventions the loader handles: mostly dash turns (like
the shipped seed), some `Q:`/`A:` and some named-speaker texts, with photo
credits between paragraphs and a sidecar naming 1 to 3 of 20 topics. There is a
note for every topic and N/10 research notes that link to and quote answers.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 7
TOPICS = 20
WORDS = (
    "policy trade border river harvest council archive letter market school bridge "
    "union factory railway winter language museum election parliament village "
    "province treaty budget reform migration energy water grain festival theatre "
    "newspaper radio mountain coast harbour mine forest drought pension hospital "
    "court statute memory family neighbour teacher worker soldier farmer engineer "
    "decade season morning evening promise question answer reason moment history "
    "pressure balance growth change silence courage doubt trust region capital"
).split()
VERBS = (
    "built changed remembered explained argued described opened closed carried "
    "followed measured promised watched questioned supported doubted"
).split()
FIRST = (
    "Aino Bela Chen Dara Emil Farah Goran Hana Ivo Jana Kemal Lena Mirza Nadia Oskar "
    "Pavel Rosa Sami Tomas Uma Vera Walid Yara Zofia"
).split()
LAST = (
    "Abbas Berg Castro Dimitrov Eriksen Fischer Garcia Horvat Ilic Jensen Kovacs Lund "
    "Mets Novak Orlov Petrov Quinn Rossi Sato Tanaka Urban Volkov Weber Yilmaz Zeman"
).split()
OUTLETS = ("The Ledger", "Radio Meridian", "Harbour Times", "Signal & Noise", "Daily Atlas")
AGENCIES = ("Reuters", "AFP", "RIA Novosti", "AP", "Aqorda")


def sentence(rng: random.Random, words: int) -> str:
    ws = [rng.choice(WORDS) for _ in range(words)]
    ws.insert(min(2, len(ws)), rng.choice(VERBS))
    return " ".join(ws).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, n = [], 0
    while n < words:
        k = rng.randint(8, 18)
        out.append(sentence(rng, k))
        n += k + 1
    return " ".join(out)


def question(rng: random.Random) -> str:
    return "How " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14))) + "?"


def person(rng: random.Random, pool: int) -> str:
    i = rng.randrange(pool)
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}" + (
        f" {chr(65 + i // 625)}." if i >= 625 else ""
    )


def interview(rng: random.Random, n: int, people: int) -> tuple[str, str]:
    """The text and the sidecar of interview number `n`."""
    name = person(rng, people)
    asker = person(rng, 50)
    convention = rng.choices(("dash", "qa", "named"), (8, 1, 1))[0]
    questions = rng.randint(3, 6)
    budget = rng.randint(600, 900)
    lead = [paragraph(rng, 50), f"{name} spoke about the {rng.choice(WORDS)} and the region."]
    answer_words = max(40, (budget - 80 - 12 * questions) // questions)
    lines = list(lead)
    for _ in range(questions):
        paras = [paragraph(rng, answer_words // 3) for _ in range(3)]
        if rng.random() < 0.2:
            paras.insert(1, f"{person(rng, 200)}, {rng.choice(AGENCIES)}")
        ask = question(rng)
        if convention == "dash":
            lines.append("— " + ask)
            lines.append("— " + paras[0])
        elif convention == "qa":
            lines.append("Q: " + ask)
            lines.append("A: " + paras[0])
        else:
            lines.append("Question: " + ask)
            lines.append(f"{name}: " + paras[0])
        lines += paras[1:]
    topics = sorted(rng.sample(range(1, TOPICS + 1), rng.randint(1, 3)))
    year, month, day = 1990 + n % 35, 1 + n % 12, 1 + n % 28
    sidecar = "\n".join(
        [
            f'title: "{name} on the {rng.choice(WORDS)} (interview {n})"',
            f"outlet: {rng.choice(OUTLETS)}",
            f"interviewer: {asker}",
            "interviewee:",
            f"  name: {name}",
            f"  description: {rng.choice(WORDS)} {rng.choice(('historian', 'engineer', 'mayor'))}",
            f"date: {year}-{month:02d}-{day:02d}",
            "language: en",
            "topics: [" + ", ".join(f"topic-{t:02d}" for t in topics) + "]",
        ]
    )
    return "\n".join(lines) + "\n", sidecar + "\n"


def topic_note(t: int) -> str:
    return (
        f"---\ntitle: Topic {t:02d}\nmatch: [{WORDS[t]} {WORDS[t + 20]}]\n"
        f"summary: What speakers say about topic {t:02d}.\n---\n"
        f"Questions and answers on topic {t:02d}.\n"
    )


def note(rng: random.Random, k: int, slugs: list[str]) -> str:
    a, b = rng.choice(slugs), rng.choice(slugs)
    topic = rng.randint(1, TOPICS)
    return (
        f"---\ntitle: Reading {k}\ndate: 2024-{1 + k % 12:02d}-{1 + k % 28:02d}\n"
        f"topics: [topic-{topic:02d}]\nsummary: Notes on two interviews.\n---\n"
        f"# Reading {k}\n\n{paragraph(rng, 60)} "
        f"See [[{a}#a1]] and [[{b}#q2|the second question]].\n\n"
        f"![[{a}#a1-p1]]\n\n## Comparison\n\n{paragraph(rng, 40)} Compare [[{b}]] and "
        f"[[topic-{topic:02d}]].\n"
    )


def make(n: int, root: Path) -> None:
    rng = random.Random(SEED)
    seeds, topics = root / "seeds", root / "notes" / "topics"
    seeds.mkdir(parents=True, exist_ok=True)
    topics.mkdir(parents=True, exist_ok=True)
    (root / "summitnotes.yaml").write_text(
        f"title: Benchmark corpus of {n} interviews\nlanguage: en\n", encoding="utf-8"
    )
    people = max(50, n // 4)  # speakers recur across interviews
    slugs = []
    for i in range(1, n + 1):
        slug = f"interview-{i:06d}"
        text, sidecar = interview(rng, i, people)
        (seeds / f"{slug}.txt").write_text(text, encoding="utf-8")
        (seeds / f"{slug}.yaml").write_text(sidecar, encoding="utf-8")
        slugs.append(slug)
    for t in range(1, TOPICS + 1):
        (topics / f"topic-{t:02d}.md").write_text(topic_note(t), encoding="utf-8")
    for k in range(1, n // 10 + 1):
        (root / "notes" / f"reading-{k:05d}.md").write_text(note(rng, k, slugs), encoding="utf-8")


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/make_corpus.py N DIR")
    make(int(sys.argv[1]), Path(sys.argv[2]))


if __name__ == "__main__":
    main()
