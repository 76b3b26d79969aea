# A generator expression is lazy: sum() pulls its values one at a time, then it is exhausted.
nums = [3, 1, 4]
squares = (n * n for n in nums)
print(type(squares).__name__)
print(sum(squares))
print(list(squares))
