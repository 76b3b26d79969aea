err = ValueError("shared")
for i in range(2):
    try:
        raise err
    except ValueError as e:
        print(e is err, e)
e = Exception("a", "b")
print(e.args, len(e.args))
e.args = ("c",)
print(e)
