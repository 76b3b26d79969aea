def depth(node, level=0):
    if not isinstance(node, list):
        return level
    return max([depth(n, level + 1) for n in node], default=level + 1)
print(depth([1, [2, [3, []]]]))
