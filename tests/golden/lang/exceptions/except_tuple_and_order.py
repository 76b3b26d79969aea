def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except ArithmeticError:
        return "arith"
    except Exception as e:
        return "other " + type(e).__name__
print(classify(KeyError(1)), classify(IndexError), classify(ZeroDivisionError()), classify(ValueError()))
