class C:
    pass
try:
    C().missing
except AttributeError as e:
    print(e)
try:
    C.missing
except AttributeError as e:
    print(e)
try:
    del C().nothing
except AttributeError as e:
    print(e)
try:
    (1).foo
except AttributeError as e:
    print(e)
