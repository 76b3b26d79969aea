def mutate(lst):
    lst[0] = "changed"
    lst = ["rebound"]
    return lst
data = ["original"]
result = mutate(data)
print(data)
print(result)
