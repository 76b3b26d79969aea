# A lazy pipeline of generators: numbers -> filtered -> windows -> summaries.
def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1

def only(pred, items):
    for x in items:
        if pred(x):
            yield x

def windows(items, size):
    window = []
    for x in items:
        window.append(x)
        if len(window) == size:
            yield tuple(window)
            window = window[1:]

def summarize(groups):
    for g in groups:
        yield min(g), max(g), sum(g) / len(g)

pipeline = summarize(windows(only(lambda x: x % 3 == 0, numbers(40)), 3))
for low, high, mean in pipeline:
    print(f"{low:2d}..{high:2d} mean {mean:.1f}")

def running_total():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x

acc = running_total()
next(acc)
for v in [5, 10, 20]:
    print("total now", acc.send(v))
try:
    acc.send(None)
except StopIteration as e:
    print("finished with", e.value if hasattr(e, "value") else e.args[0])
print(list(zip("abc", numbers(10))), sum(x * x for x in numbers(5)))
