# list_sort: sort pseudo-random ints with a pure-Python merge sort and
# quicksort (no sorted()/list.sort, so it runs before those exist).
# Stresses: list indexing and index assignment, slicing, int compares,
# while loops, recursion (see PERFORMANCE.md 1.1).


def random_ints(n, seed):
    out = [0] * n
    x = seed
    i = 0
    while i < n:
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = x % 1000000
        i += 1
    return out


def merge_sort(a):
    # bottom-up: merge runs of width 1, 2, 4, ... between two buffers
    n = len(a)
    src = a[:]
    dst = [0] * n
    width = 1
    while width < n:
        lo = 0
        while lo < n:
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i = lo
            j = mid
            k = lo
            while i < mid and j < hi:
                if src[j] < src[i]:
                    dst[k] = src[j]
                    j += 1
                else:
                    dst[k] = src[i]
                    i += 1
                k += 1
            while i < mid:
                dst[k] = src[i]
                i += 1
                k += 1
            while j < hi:
                dst[k] = src[j]
                j += 1
                k += 1
            lo = hi
        tmp = src
        src = dst
        dst = tmp
        width *= 2
    return src


def quick_sort(a, lo=0, hi=None):
    # in place, Hoare-style partition around the middle element
    if hi is None:
        hi = len(a) - 1
    while lo < hi:
        pivot = a[(lo + hi) // 2]
        i = lo
        j = hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                t = a[i]
                a[i] = a[j]
                a[j] = t
                i += 1
                j -= 1
        # recurse into the smaller side, loop on the larger
        if j - lo < hi - i:
            quick_sort(a, lo, j)
            lo = i
        else:
            quick_sort(a, i, hi)
            hi = j
    return a


def checksum(a):
    s = 0
    for i in range(len(a)):
        s = (s * 31 + a[i] + i) % 1000000007
    return s


def is_sorted(a):
    i = 1
    while i < len(a):
        if a[i - 1] > a[i]:
            return False
        i += 1
    return True


N = 200000
data = random_ints(N, 2024)
m = merge_sort(data)
q = quick_sort(data[:])
print(is_sorted(m))
print(m == q)
print(str(m[0]) + " " + str(m[N // 2]) + " " + str(m[N - 1]))
print(checksum(m))
print(checksum(data))
