# int_loop: a tight numeric loop over small ints.
# Stresses: int allocation/free churn, + - * // %, & | ^ << >>, while and for
# loops, compares, augmented assignment on locals (see PERFORMANCE.md 1.1).


def mix(n):
    acc = 0
    h = 7
    i = 0
    while i < n:
        a = i * 3 + 1
        b = a // 7 - i % 5
        h = (h * 31 + a) & 0xFFFFF
        h ^= b << 3
        h = h | (i >> 2) & 0xFF
        acc += h % 1000 - b
        i += 1
    return acc, h


def steps(n):
    # for over range, with a branchy body
    total = 0
    x = 12345
    for k in range(n):
        x = (x * 1103 + 12345) % 65536
        if x & 1:
            total += x >> 4
        elif x % 3 == 0:
            total -= k & 127
        else:
            total ^= x
    return total


N = 2000000
r = mix(N)
print(r[0])
print(r[1])
print(steps(N))
