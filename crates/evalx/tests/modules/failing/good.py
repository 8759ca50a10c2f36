value = "good"
