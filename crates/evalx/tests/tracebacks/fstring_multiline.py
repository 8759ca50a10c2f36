data = {"a": 1}
text = (f"a={data['a']}"
        f" b={data['b']}")
