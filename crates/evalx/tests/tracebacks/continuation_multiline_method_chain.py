text = "a,b"
parts = (text
         .split(",")
         .nothere())
