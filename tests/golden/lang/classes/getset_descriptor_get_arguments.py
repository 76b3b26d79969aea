# getset_descriptor.__get__'s argument errors and its class-access form.
class A:
    pass


d = A.__dict__["__dict__"]
for args in [(), (None,), (None, None), (1, 2, 3)]:
    try:
        d.__get__(*args)
    except TypeError as e:
        print(e)
print(d.__get__(None, A) is d, d.__get__(A(), A))
