try:
    try:
        raise TypeError("first")
    except TypeError:
        raise ValueError("second")
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__)
try:
    try:
        raise TypeError("a")
    finally:
        print("cleanup")
except TypeError as e:
    print(e.__context__)
