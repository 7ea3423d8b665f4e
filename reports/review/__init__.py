"""Reviews over a span of months: sơ kết 6 tháng, tổng kết năm, sơ kết / tổng kết nhiệm kỳ."""
