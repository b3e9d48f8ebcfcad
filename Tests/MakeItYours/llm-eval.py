#!/usr/bin/env python3
"""Make an llm-eval project yours, as its README says, touching only the files it lists.

    Tests/MakeItYours/llm-eval.py PROJECT_DIR

"Use your own data": replaces the example's questions (data/raw/*.jsonl) and documents
(data/raw/docs/) with a differently shaped, generated data set (timetables of an imaginary bus
network: plain-text documents without headings, questions without a `split` field, so the pipeline
makes a seeded split, and some without an id) and rewrites data/README.md. "Use your own model":
registers another reader in models.py and makes it the candidate, with its own search space. The
task's wording is not edited here: the script prints it (ANSWERS) for `scaffold update --set`, and
the shipped example's words (STALE) that must then be gone (readme_model.main). Then `make all`
must pass (the Swift driver runs it). Standard library only.
"""

import json
import random
import sys
from pathlib import Path

import readme_model

ANSWERS = {
    "task_name": "question answering over bus timetables",
    "unit": "timetable question",
    "units": "timetable questions",
    "description": "Answer questions about bus routes from their timetables, against lexical-retrieval baselines",
}
# The shipped example's words: its fictional company and product, its parts, its carrier.
STALE = ["Brightwell", "Aero", "purifier", "filter", "grille", "mesh", "HEPA", "warranty", "subscription",
         "Parcelway", "parcel"]

READER = '''

class NextWordsReader:
    """The words that follow the question's last content word in the best matching sentence."""

    name = "next-words"

    def answer(self, question: str, context: str) -> str:
        asked = [w.lower() for w in re.findall(r"[\\w$.:-]+", question) if w.lower() not in STOPWORDS]
        best, best_overlap = "", -1
        for line in context.splitlines():
            if line.startswith("# "):
                continue
            for sentence in re.split(r"(?<=[.!?])\\s+", line):
                words = re.findall(r"[\\w$.:-]+", sentence.lower())
                overlap = len(set(words) & set(asked))
                if overlap > best_overlap:
                    best, best_overlap = sentence, overlap
        tokens = re.findall(r"[\\w$:-]+(?:\\.\\d+)?", best)
        lowered = [t.lower() for t in tokens]
        last = max((i for i, t in enumerate(lowered) if t in asked), default=-1)
        return " ".join(tokens[last + 1:last + 4])


READERS["next-words"] = lambda seed: NextWordsReader()
CANDIDATE_READER = "next-words"
SEARCH_SPACE = {"top_k": [1, 3]}
'''


def make_data(rng: random.Random) -> tuple[dict[str, str], list[dict[str, object]]]:
    stops = ["Harbour", "Old Mill", "Station Square", "Riverside", "Hilltop", "Market Hall", "Airport",
             "University", "Stadium", "Cathedral", "North Gate", "Lakeside"]
    colours = ["red", "green", "yellow", "purple", "orange", "teal"]
    docs: dict[str, str] = {}
    questions: list[dict[str, object]] = []
    for route in range(1, 11):
        every = rng.choice([5, 10, 12, 15, 20, 30])
        first = f"{rng.randint(4, 7)}:{rng.choice(['00', '15', '30', '45'])}"
        last = f"{rng.randint(22, 23)}:{rng.choice(['10', '40'])}"
        a, b = rng.sample(stops, 2)
        colour = rng.choice(colours)
        minutes = rng.randint(18, 70)
        fare = f"${rng.choice([2, 3])}.{rng.choice(['10', '50', '80'])}"
        name = f"route{route:02d}.txt"
        docs[name] = (f"Route {route} runs from {a} to {b}. Buses come every {every} minutes on weekdays.\n"
                      f"The first bus leaves {a} at {first} and the last one at {last}.\n"
                      f"A trip from end to end takes about {minutes} minutes. Route {route} buses are "
                      f"painted {colour}.\nA single ticket on route {route} costs {fare}.\n")
        asked = [
            (f"How often does route {route} run on weekdays?", [f"every {every} minutes", f"{every} minutes"]),
            (f"When does the first route {route} bus leave?", [first]),
            (f"What time is the last bus on route {route}?", [last]),
            (f"Where does route {route} start?", [a]),
            (f"How long is a full trip on route {route}?", [f"about {minutes} minutes", f"{minutes} minutes"]),
            (f"What colour are the buses of route {route}?", [colour]),
            (f"What does a single ticket on route {route} cost?", [fare]),
            (f"Which stop is the end of route {route}?", [b]),
        ]
        for k, (question, answers) in enumerate(asked):
            item: dict[str, object] = {"question": question, "answers": answers, "doc": name}
            if k % 3:
                item["id"] = f"r{route}-{k}"
            questions.append(item)
    rng.shuffle(questions)
    return docs, questions


def steps(root: Path, rng: random.Random) -> list[Path]:
    package = json.loads((root / "scaffold.json").read_text(encoding="utf-8"))["blueprint"]["answers"]["package_name"]
    touched: list[Path] = []
    raw = root / "data" / "raw"
    # Use your own data: the example's questions (data/raw/*.jsonl) and documents (data/raw/docs/) out,
    # the new data in.
    for questions_file in sorted(raw.glob("*.jsonl")):
        questions_file.unlink()
        touched.append(questions_file)
    for doc in sorted((raw / "docs").glob("*.md")):
        doc.unlink()
        touched.append(doc)
    docs, questions = make_data(rng)
    for name, text in docs.items():
        (raw / "docs" / name).write_text(text, encoding="utf-8")
        touched.append(raw / "docs" / name)
    (raw / "timetable_questions.jsonl").write_text(
        "".join(json.dumps(q) + "\n" for q in questions), encoding="utf-8")
    touched.append(raw / "timetable_questions.jsonl")
    (root / "data" / "README.md").write_text(
        "# Data card: bus timetables\n\n"
        "Source: generated by Tests/MakeItYours/llm-eval.py (synthetic timetables of an imaginary bus network)\n\n"
        f"{len(docs)} plain-text route descriptions and {len(questions)} questions, generated from a seeded "
        "random draw. Synthetic: no real network.\n", encoding="utf-8")
    touched.append(root / "data" / "README.md")
    # Use your own model: another reader, registered and chosen in models.py.
    models = root / "src" / package / "models.py"
    source = models.read_text(encoding="utf-8")
    source = source.replace("import os\n", "import os\nimport re\n", 1)
    source = source.replace("from .qa import FirstSentenceReader,", "from .qa import STOPWORDS, FirstSentenceReader,", 1)
    models.write_text(source + READER, encoding="utf-8")
    touched.append(models)
    return touched


def main(argv: list[str]) -> int:
    return readme_model.main(argv, "usage: llm-eval.py PROJECT_DIR", 7, steps, ANSWERS, STALE)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
