# Each recursive call gets its own frame; return values flow back up the stack one by one.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


print(fact(4))
