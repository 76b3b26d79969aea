# A text statistics report over a short essay: word and letter frequencies
# with collections.Counter, groupings with defaultdict, and a few tables.
from collections import Counter, defaultdict

ESSAY = """\
Rivers begin as small springs high in the hills. A spring becomes a stream,
the stream finds other streams, and together they carve a valley. Nobody
plans the valley; it is the patient work of water over many years.

Cities were often built where rivers meet the sea. The river brought fresh
water and a road for boats, and the sea brought trade. Many old cities still
keep the shape of their first harbour, even when the boats are long gone.

Today we measure rivers with sensors and satellites. We know how fast the
water moves and how much of it there is. Yet a river at dawn, quiet and
grey, still looks the way it looked to the first people who lived beside it.
"""

STOP_WORDS = set("a an and the of to in it is we are were with how when for "
                 "their there they who was as at even yet over still".split())


def paragraphs(text):
    """Split on blank lines, dropping empty pieces."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def sentences(text):
    """Yield sentences: text up to each '.', with whitespace normalised."""
    for piece in text.replace("\n", " ").split("."):
        piece = " ".join(piece.split())
        if piece:
            yield piece


def words(text):
    """Lower-case words with the punctuation around them stripped."""
    for raw in text.split():
        word = raw.strip(".,;:!?\"'").lower()
        if word:
            yield word


def bar(n, scale=1):
    return "#" * (n // scale)


all_words = list(words(ESSAY))
counts = Counter(all_words)
content = Counter(w for w in all_words if w not in STOP_WORDS)

print("=== Overview ===")
print(f"paragraphs: {len(paragraphs(ESSAY))}")
print(f"sentences:  {sum(1 for _ in sentences(ESSAY))}")
print(f"words:      {len(all_words)} ({len(counts)} distinct)")
print(f"letters:    {sum(len(w) for w in all_words)}")
print(f"average word length: {sum(len(w) for w in all_words) / len(all_words):.2f}")

print("\n=== Most common words (stop words removed) ===")
for rank, (word, n) in enumerate(content.most_common(8), start=1):
    print(f"{rank:2}. {word:<10} {n:2} {bar(n)}")

print("\n=== Word lengths ===")
lengths = Counter(len(w) for w in all_words)
for size in sorted(lengths):
    print(f"{size:2} letters: {lengths[size]:3} {bar(lengths[size], 2)}".rstrip())

print("\n=== Letters ===")
letters = Counter(ch for ch in ESSAY.lower() if ch.isalpha())
top = letters.most_common(5)
print("top five:", " ".join(f"{ch}={n}" for ch, n in top))
unused = sorted(set("abcdefghijklmnopqrstuvwxyz") - set(letters))
print("never used:", ", ".join(unused) if unused else "(none)")
vowels = sum(letters[v] for v in "aeiou")
print(f"vowels: {vowels} of {letters.total()} ({100 * vowels / letters.total():.1f}%)")

print("\n=== Words by first letter ===")
by_initial = defaultdict(set)
for w in content:
    by_initial[w[0]].add(w)
for initial in sorted(by_initial):
    group = sorted(by_initial[initial])
    if len(group) >= 3:
        print(f"{initial}: {', '.join(group)}")

print("\n=== Paragraphs ===")
seen_in = defaultdict(list)
for number, para in enumerate(paragraphs(ESSAY), start=1):
    para_counts = Counter(w for w in words(para) if w not in STOP_WORDS)
    longest = max(sentences(para), key=lambda s: len(s.split()))
    print(f"paragraph {number}: {sum(para_counts.values())} content words, "
          f"key words {[w for w, _ in para_counts.most_common(3)]}")
    print(f"  longest sentence ({len(longest.split())} words): {longest[:45]}...")
    for w in para_counts:
        seen_in[w].append(number)
everywhere = sorted(w for w, where in seen_in.items() if len(where) == 3)
print("in every paragraph:", everywhere)

print("\n=== Word pairs ===")
pairs = Counter(zip(all_words, all_words[1:]))
for (first, second), n in pairs.most_common(4):
    print(f"{first} {second}: {n}")
once = [w for w, n in counts.items() if n == 1]
print(f"{len(once)} words appear once; the first five: {once[:5]}")
