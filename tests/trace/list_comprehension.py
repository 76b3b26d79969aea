# A list comprehension runs in its own <listcomp> frame in 3.11; its variable does not leak.
x = "outer"
squares = [x * x for x in range(4)]
print(squares, x)
evens = [n for n in squares if n % 2 == 0]
print(evens)
