# A closure keeps its variables in cells after the outer function returned.
import sys


def make_counter():
    count = 0
    log = []

    def step():
        nonlocal count
        count += 1
        log.append(count)
        return count

    return step


tick = make_counter()
tick()
tick()
print("rc", "tick", sys.getrefcount(tick) - 1)
print(tick())
