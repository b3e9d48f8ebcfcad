#!/usr/bin/env python3
"""Generate nlp-eval's shipped example data: synthetic support tickets.

    make_tickets.py OUT.csv [--rows 900] [--seed 2026]

The data is SYNTHETIC. No real customer wrote any of it. Each ticket is
composed from parts chosen at random (seeded, so the output is reproducible):

  greeting? + the issue (1-2 sentences of one team's intent, each sentence a
  template with alternatives [a|b] and slots {product}) + context? (a sentence
  that mentions words of OTHER teams: "I paid by card", "the parcel came
  Tuesday") + a second, minor issue of another team? + sign-off?

then lightly corrupted (typos, lower case, dropped punctuation), as tickets
typed on phones are. Four things make it harder than keyword matching:
  - intents overlap across teams (a refund for a return vs a refund for a
    double charge; a login error that is an app bug vs a locked account);
  - about 1 ticket in 5 carries another team's vocabulary as context, and 1 in
    8 a second, minor issue of another team (the label is the main issue);
  - typos and casing noise;
  - LABEL NOISE: 4% of tickets carry another team's label, as historical
    routing data does (a triage agent picked the wrong queue). No model can
    get those right, so the ceiling is below 1.
No 8-word run is shared by two tickets: a composed ticket that repeats any
8 consecutive words (lower-cased \\w+ tokens, see overlap.py) of an accepted
ticket is thrown away and composed again, and so is one that the generated
project's pipeline would call an exact or near duplicate of an accepted ticket
(impact/leakage.py: equal normalised text, or Jaccard similarity >= 0.5 of word
5-gram shingles). So no test ticket can share an 8-word run with, or be a near
duplicate of, a training ticket, whatever the split.

Standard library only; the generated project does not need this file.
Licence of the generated data: CC0 1.0 (public domain dedication).
"""

import argparse
import csv
import random
import re
import sys
import unicodedata

WORD = re.compile(r"\w+")

SLOTS = {
    "product": ["blender", "hoodie", "desk lamp", "running shoes", "phone case", "coffee grinder", "backpack",
                "office chair", "air fryer", "rain jacket", "yoga mat", "kettle", "monitor stand",
                "water bottle", "wool scarf", "bluetooth speaker", "cast iron pan", "kids' bike helmet",
                "duvet cover", "standing desk", "electric toothbrush", "hiking boots", "laptop sleeve"],
    "amount": ["$12.99", "$19", "$24.50", "$39.99", "$49", "$59.90", "$74", "$89.99", "$120", "$149",
               "$210", "€35", "€64.20", "£18", "£45", "$7.50", "$300"],
    "when": ["yesterday", "last week", "on Monday", "two days ago", "this morning", "on the 3rd",
             "last Friday", "ten days ago", "over the weekend", "on March 12", "a month ago", "on Tuesday",
             "three weeks ago", "earlier today", "on the 21st"],
    "order": ["#48213", "#50917", "#61230", "#70044", "#38815", "#91572", "#27706", "#83349", "#45108",
              "#66921", "#12087", "#59460", "A-3391", "A-7720", "B-1042"],
    "device": ["iPhone 13", "Pixel 7", "Galaxy S22", "iPad", "MacBook", "Windows laptop", "Chromebook",
               "Android tablet", "work PC", "old Moto G"],
    "browser": ["Chrome", "Firefox", "Safari", "Edge", "Brave"],
    "carrier": ["UPS", "FedEx", "DHL", "the postal service", "the courier", "USPS", "Royal Mail"],
    "plan": ["Pro plan", "family plan", "annual membership", "premium subscription", "basic plan",
             "student plan", "business plan"],
    "feature": ["wishlist", "order history page", "search", "checkout page", "notifications",
                "dark mode", "barcode scanner", "saved addresses", "chat widget", "product filters"],
    "days": ["3", "5", "6", "8", "10", "12", "14", "two", "four", "nine"],
    "city": ["Leeds", "Austin", "Lyon", "Denver", "Porto", "Dublin", "Toronto", "Melbourne", "Oslo"],
}

# Each team: intents; each intent: sentence templates. A ticket takes one
# intent and one or two of its sentences.
TEAMS: dict[str, list[list[str]]] = {
    "billing": [
        ["I [was|got|have been] charged twice for order {order}.",
         "[My|The] [card|bank statement|credit card] shows [two|duplicate|double] [charges|payments] of {amount}.",
         "Please refund the [extra|duplicate|second] [charge|payment] of {amount}."],
        ["[Why|How come] was I billed {amount} {when}? I [cancelled|ended|stopped] my {plan} before the renewal.",
         "The {plan} renewed [automatically|without asking] and took {amount} from my account.",
         "I [never agreed|did not agree] to [another year|a renewal] of the {plan}."],
        ["My [card|payment] [keeps getting|is] declined at [checkout|the payment step] but the bank says [it is|everything is] fine.",
         "[Payment|The payment] [failed|did not go through] three times, [yet|but] the money [left|is gone from] my account."],
        ["[Can I|Is it possible to] [get|have] an invoice with our company VAT number [on it|included]?",
         "[I need|We need|Please send] a [proper|corrected] invoice for order {order} [for our accounts|for expenses].",
         "The invoice for {order} [has|shows] the wrong [company name|billing address|tax amount]."],
        ["[The|A] promo code [was not applied|did not apply|got ignored], I paid {amount} instead of the discounted price.",
         "[You|Your site] charged me full price [even though|although] the sale price was [shown|displayed] in the cart."],
        ["I [want to|would like to] [switch|change] from monthly to [yearly|annual] billing [on|for] my {plan}.",
         "[How do I|Can you] [downgrade|move] [my|the] {plan} [to the cheaper tier|to monthly payments]?"],
        ["[There is|I see] an [unknown|unrecognised|strange] {amount} [transaction|charge] from you {when}.",
         "[Who|What] is the {amount} charge [for|about]? I don't recognise it."],
        ["The [store credit|gift card balance] of {amount} [disappeared|is missing] from my [account|wallet].",
         "I was [promised|told I'd get] a {amount} credit [after|for] the [outage|late delivery] but never got it."],
    ],
    "technical": [
        ["The app [crashes|closes itself|freezes] [every time|whenever|as soon as] I open the {feature} on my {device}.",
         "[Since|After] the [latest|last] update the app [won't start|shows a white screen|crashes on launch] on my {device}."],
        ["The {feature} [does not load|is stuck loading|shows an error] in {browser}.",
         "[I get|There is] an error 500 when I [open|use] the {feature}.",
         "[Pages|Everything] [load|loads] [really|super|painfully] slowly in {browser} on my {device}."],
        ["[Push notifications|Email alerts] [stopped working|never arrive|come hours late] on my {device}.",
         "I [turned on|enabled] notifications [but|and still] [nothing shows up|get nothing]."],
        ["The [barcode scanner|camera upload|photo upload] [fails|gives an error|does nothing] on my {device}.",
         "[Uploading|Attaching] a photo [to|in] the {feature} [times out|never finishes]."],
        ["Your API returns [a 429|an error 503|a timeout] [far|much] [more often|sooner] than the docs say.",
         "The [webhook|API integration|export to CSV] [stopped|quit] [working|sending data] {when}."],
        ["[Offline mode|Sync] [does not|won't] [sync|catch up] when I [reconnect|get signal back] on my {device}.",
         "[My|The] {feature} [shows|has] [old|stale|wrong] data [until|unless] I reinstall the app."],
        ["The [login|sign in] button [does nothing|greys out|spins forever] in {browser}, [other sites work|my internet is fine].",
         "[The site|Your page] [keeps logging|logs] me out [every few minutes|after every click] in {browser}."],
        ["[Dark mode|The layout] [breaks|is broken] on my {device}, [text|buttons] [overlap|are cut off].",
         "The {feature} [looks garbled|is unreadable|is misaligned] since the redesign."],
    ],
    "account": [
        ["[I can't|I cannot|Unable to] log in, it says my [password is wrong|account is locked] [but|although] I [just reset it|am sure it is right].",
         "[My account got|I've been] locked after [too many|three] [login attempts|tries] {when}."],
        ["The password reset [email|link] [never arrives|doesn't come|expired before I clicked it].",
         "I [asked for|requested] a [reset link|new password] [several times|twice] and got nothing, [not even in spam|spam folder is empty]."],
        ["[How do I|Please help me] change the email address on my account?",
         "[I no longer have access to|I lost] my old [email|email address] [so|and] [cannot|can't] [verify|confirm] [anything|my identity]."],
        ["[Please|Kindly] [delete|close] my account and [all|erase] my [personal data|data].",
         "[I want|I would like] [my account removed|to deactivate my profile] [under GDPR|for privacy reasons]."],
        ["[There was|I got] a [suspicious|strange] login [alert|notification] from {city}, [I have never been there|it wasn't me].",
         "[Someone|Somebody] [may have|has] [accessed|got into] my account and changed [my name|the password|my saved addresses]."],
        ["[Two-factor|2FA] codes [are not|aren't] [arriving|reaching me] by SMS [any more|since I changed carriers].",
         "I [got|have] a new [phone|{device}] and [lost|can't get] my [authenticator codes|2FA codes]."],
        ["[How can I|Can you] [merge|combine] my two accounts? [I|I've] [signed up|registered] twice by mistake.",
         "[My|The] [username|display name|profile name] [is wrong|shows someone else's name] and I [can't|cannot] edit it."],
        ["[Please|Can you] [add|invite] a [colleague|second user|team member] to our {plan} account?",
         "[How do I|Can I] [remove|transfer] [admin rights|the owner role] [on|of] our [team|business] account?"],
    ],
    "shipping": [
        ["[Tracking|The tracking page] [has not|hasn't] [updated|moved] [in|for] {days} days for order {order}.",
         "[Where is|What happened to] my [parcel|package|order] {order}? It [was due|should have arrived] {when}."],
        ["{carrier} [marked|says] [it|the parcel] [as] delivered but [nothing arrived|there is no package] [at my door|here].",
         "The [delivery|parcel] [was left|got left] [at the wrong address|with a neighbour I don't know]."],
        ["[Can I|Is it possible to] change the delivery address [for|on] order {order}? [I am moving|It hasn't shipped yet].",
         "[I entered|There is] [an old|the wrong] [address|postcode] on order {order}, [please fix it|can you update it] before [it ships|dispatch]."],
        ["[I paid|We paid] for express [delivery|shipping] [but|and] it [took|came after] {days} days.",
         "[Why|How] is [standard|my] [shipping|delivery] [so slow|taking {days} days] to {city}?"],
        ["[Only|Just] [part of|half of|one item from] my order {order} [arrived|came], [where is|what about] the {product}?",
         "[The box|My parcel] arrived [crushed|open|soaking wet] [and|but] {carrier} [won't|refuse to] [help|take responsibility]."],
        ["[Do you|Can you] ship to {city}? [The checkout|Your site] [won't accept|rejects] my [postcode|country].",
         "[What are|How much are] the [customs fees|import duties] for [shipping|delivery] to {city}?"],
        ["[The courier|{carrier}] [tried to deliver|came] {when} [while I was out|when nobody was home], [how do I rebook|can I pick a new slot]?",
         "[Can|Could] [you|the courier] [leave|drop] [the parcel|it] at a [pickup point|locker] [instead|near {city}]?"],
        ["[My|The] [parcel|order] {order} [is stuck|has been sitting] in customs [in|near] {city}.",
         "[The|A] [delivery|shipping] [estimate|date] [keeps changing|moved again] for {order}."],
    ],
    "returns": [
        ["[How do I|Can I] [send back|return] the {product}? It [doesn't fit|is too small|is the wrong size].",
         "[I want|I'd like] to [return|send back] the {product} [from|in] order {order}, [unused|still in the box]."],
        ["The {product} [arrived|came] [broken|damaged|with a crack], [I want|please arrange] a [replacement|return].",
         "[The|My] {product} [stopped working|broke] after {days} days, [can I|I want to] [exchange|swap] it?"],
        ["I [sent back|returned] the {product} {when} [and|but] [still have no refund|the refund hasn't arrived].",
         "[Has|Did] my return [for|of] order {order} [arrived|been received] at your warehouse [yet]?"],
        ["[The|My] return label [doesn't work|won't print|is missing from the box].",
         "[Can you|Please] [email|send] me a [prepaid|new] return label for the {product}."],
        ["[Is|Am I still] [the|within the] return window [still open|30 days] [for|on] the {product} [from|bought] {when}?",
         "[Can I|Is it possible to] return a [sale item|gift|{product} I got as a gift] without [the receipt|a receipt]?"],
        ["[You sent|I received] the wrong [colour|size|item], [I ordered|it should be] [a|the] {product}.",
         "[Instead of|In place of] the {product} [I got|there was] [something else|a different model] in the box."],
        ["[Can I|I'd like to] exchange the {product} for [a bigger size|another colour|a different model] instead of a refund.",
         "[Please|Can you] [swap|exchange] [my|the] {product} [rather than|instead of] refunding [me|it]."],
        ["[The|Your] [refund|return] was [rejected|refused] [because|saying] the {product} [was used|had been worn].",
         "[Why|How come] did I only get {amount} back for the returned {product}?"],
    ],
}

# Sentences that name things of a team without being that team's issue.
CONTEXT = {
    "billing": ["I paid by card.", "[I am|I'm] on the {plan}.", "[I paid|It cost] {amount}.",
                "[The|My] payment went through fine."],
    "technical": ["I [use|am using] the app on my {device}.", "[I ordered|I'm writing] from {browser}.",
                  "[The|Your] app [was|is] a bit slow today too."],
    "account": ["My account email [is|has not changed, it is] the one on the order.",
                "[I|I've] had an account [for years|since 2019].", "[I am|I'm] logged in on my {device}."],
    "shipping": ["[It|The parcel] [came|arrived] {when}.", "[It was|I used] express delivery.",
                 "{carrier} [delivered|brought] it {when}."],
    "returns": ["[I|I've] [returned|sent back] things before without trouble.",
                "[I kept|I still have] the box."],
}

GREETINGS = ["Hi,", "Hello,", "Hi team,", "Hello support,", "Good morning,", "Hey,", "Dear support,",
             "Hi there,", "To whom it may concern,", "Good afternoon,", "hello", "hi", "Hey there,", "Greetings,"]
SIGNOFFS = ["Thanks.", "Thank you!", "Thanks in advance.", "Please help.", "Regards, Sam", "Cheers",
            "thx", "Please advise.", "ASAP please.", "Best, J.", "Kind regards.", "Thank you for your help.",
            "This is urgent.", "Appreciate it.", "Many thanks, Alex", "ty"]
SHARES = {"billing": 0.24, "technical": 0.22, "account": 0.19, "shipping": 0.20, "returns": 0.15}
LABEL_NOISE = 0.04
NEAR_JACCARD = 0.5  # the generated project's near-duplicate threshold (impact/leakage.py)


def expand(template: str, rng: random.Random, fixed: dict[str, str] | None = None) -> str:
    """Choose one of each [a|b] and fill each {slot}; `fixed` keeps a slot's value within one ticket."""
    fixed = {} if fixed is None else fixed
    text = re.sub(r"\[([^\[\]]*)\]", lambda m: rng.choice(m.group(1).split("|")), template)
    text = re.sub(r"\{(\w+)\}", lambda m: fixed.setdefault(m.group(1), rng.choice(SLOTS[m.group(1)])), text)
    return re.sub(r"\ba ([aeiou])", r"an \1", re.sub(r"\ban ([^aeiou\W])", r"a \1", text))


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def compose(label: str, rng: random.Random) -> str:
    intent = rng.choice(TEAMS[label])
    fixed: dict[str, str] = {}
    parts = [expand(s, rng, fixed) for s in rng.sample(intent, k=min(len(intent), rng.choice([1, 1, 2])))]
    others = [t for t in TEAMS if t != label]
    if rng.random() < 0.22:
        parts.insert(rng.randrange(len(parts) + 1), expand(rng.choice(CONTEXT[rng.choice(others)]), rng))
    if rng.random() < 0.12:
        minor = expand(rng.choice(rng.choice(TEAMS[rng.choice(others)])), rng)
        parts.append(rng.choice(["Also, ", "And ", "Separately, ", "Not urgent, but "]) + minor[0].lower() + minor[1:])
    if rng.random() < 0.55:
        parts.insert(0, rng.choice(GREETINGS))
    if rng.random() < 0.5:
        parts.append(rng.choice(SIGNOFFS))
    text = " ".join(parts)
    words = [typo(w, rng) if rng.random() < 0.03 else w for w in text.split(" ")]
    text = " ".join(words)
    if rng.random() < 0.25:
        text = text.lower()
    if rng.random() < 0.15:
        text = re.sub(r"[,!?]|\.(?= |$)", "", text)
    return text


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    w = WORD.findall(text.lower())
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def key(text: str) -> str:
    """The generated project's exact-duplicate key (impact/leakage.py): NFKC, case-folded, every
    run of non-word characters one space."""
    return " ".join(re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).split())


def near_shingles(text: str, n: int = 5) -> frozenset[str]:
    """The project's near-duplicate shingles: word 5-grams of key(text) (a shorter text is one)."""
    words = key(text).split()
    if len(words) < n:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


def generate(rows: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(id, text, label as shipped, label the text was composed for) per ticket."""
    rng = random.Random(seed)
    labels = [lab for lab, share in SHARES.items() for _ in range(round(rows * share))]
    labels = (labels + ["billing"] * rows)[:rows]
    rng.shuffle(labels)
    seen: set[tuple[str, ...]] = set()
    keys: set[str] = set()
    near: list[frozenset[str]] = []
    index: dict[str, list[int]] = {}
    out = []
    for i, label in enumerate(labels):
        for _attempt in range(2000):
            text = compose(label, rng)
            s, k, ns = shingles(text), key(text), near_shingles(text)
            if k in keys or s & seen:
                continue
            others = {j for sh in ns for j in index.get(sh, [])}
            if all(len(ns & near[j]) / len(ns | near[j]) < NEAR_JACCARD for j in others):
                break
        else:
            raise SystemExit(f"could not compose ticket {i} without a duplicate: add templates")
        seen |= s
        keys.add(k)
        for sh in ns:
            index.setdefault(sh, []).append(len(near))
        near.append(ns)
        shown = rng.choice([t for t in TEAMS if t != label]) if rng.random() < LABEL_NOISE else label
        out.append((f"T{i + 1:04d}", text, shown, label))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=900)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "text", "label"])
        rows = generate(a.rows, a.seed)
        w.writerows((i, text, shown) for i, text, shown, _ in rows)
    flipped = sum(1 for *_, shown, true in rows if shown != true)
    print(f"wrote {len(rows)} tickets to {a.out}; {flipped} carry a wrong label (label noise)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
