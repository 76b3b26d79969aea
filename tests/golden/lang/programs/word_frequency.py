# Count words in a text, then print the most common ones and some statistics.
text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness"""

def words(s):
    out = []
    for raw in s.split():
        w = raw.strip(".,;:!?").lower()
        if w:
            out.append(w)
    return out

counts = {}
for w in words(text):
    counts[w] = counts.get(w, 0) + 1

ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:6]:
    print(f"{word:>12} {n:3d} {'*' * n}")
print("distinct:", len(counts), "total:", sum(counts.values()))
longest = max(counts, key=len)
print("longest word:", longest, len(longest))
by_length = {}
for w in counts:
    by_length.setdefault(len(w), []).append(w)
for length in sorted(by_length):
    print(length, sorted(by_length[length]))
