# dict_words: build many short strings and count them in a dict.
# Stresses: str creation (str(), +, indexing), str hashing, dict lookup and
# insertion with str keys, dict iteration (PERFORMANCE.md 1.1).

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def make_word(x):
    # 2-3 letters from the seed, then a short number
    w = LETTERS[x % 26] + LETTERS[(x >> 5) % 26]
    if x & 64:
        w = w + LETTERS[(x >> 10) % 26]
    return w + str((x >> 15) % 10)


def count_words(n, seed=42):
    counts = {}
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        k = make_word(x >> 8)
        if k in counts:
            counts[k] += 1
        else:
            counts[k] = 1
    return counts


def summarise(counts):
    total = 0
    weighted = 0
    best = ""
    best_n = 0
    pos = 0
    for k in counts:
        v = counts[k]
        total += v
        weighted = (weighted * 31 + v * len(k) + pos) % 1000000007
        if v > best_n:
            best_n = v
            best = k
        pos += 1
    print("distinct: " + str(len(counts)))
    print("total: " + str(total))
    print("weighted: " + str(weighted))
    print("most common: " + best + " x" + str(best_n))


summarise(count_words(900000))
