values = {"a": 1}
total = (values["a"] +
         values["b"])
