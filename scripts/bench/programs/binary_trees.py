# binary_trees: allocate and walk many short-lived complete binary trees.
# A node is a 2-tuple (left, right); a leaf is (None, None).
# Stresses: tuple allocation/deallocation, recursion, the cyclic GC's
# generation-0 collections triggered by allocation (PERFORMANCE.md 1.1).


def make(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make(depth), make(depth))


def check(node):
    left = node[0]
    if left is None:
        return 1
    return 1 + check(left) + check(node[1])


def main(max_depth, min_depth=4):
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    stretch = max_depth + 1
    print("stretch tree of depth " + str(stretch) + " check: " + str(check(make(stretch))))

    long_lived = make(max_depth)

    d = min_depth
    while d <= max_depth:
        iterations = 1 << (max_depth - d + min_depth)
        total = 0
        for i in range(iterations):
            total += check(make(d))
        print(str(iterations) + " trees of depth " + str(d) + " check: " + str(total))
        d += 2

    print("long lived tree of depth " + str(max_depth) + " check: " + str(check(long_lived)))


main(15)
