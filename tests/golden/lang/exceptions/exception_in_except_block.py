try:
    try:
        raise ValueError(1)
    except ValueError:
        {}["missing"]
except KeyError as e:
    print(repr(e), repr(e.__context__))
