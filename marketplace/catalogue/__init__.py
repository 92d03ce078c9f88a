"""The two-sided catalogue: achievements (科技成果), demands (技术需求) and 揭榜挂帅 challenges."""
