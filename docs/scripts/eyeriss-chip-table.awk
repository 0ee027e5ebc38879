# Per conv layer of AlexNet on eyeriss at batch 4 (run's CSV on stdin or as the argument):
# latency, GLB and DRAM traffic in MB of 16-bit words, DRAM accesses per MAC, share of NoC stalls.
BEGIN { FS = ","; OFS = " | " }
# A run with two or more --set quotes its arch column ("eyeriss[a=1,b=2]"): drop the quoted commas.
/^"/ { sub(/^"[^"]*"/, "arch") }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$c["layer"] ~ /^conv[1-5]$/ {
  df = $c["dataflow"]; m = $c["macs"]
  glb = ($c["glb_reads"] + $c["glb_writes"]) * 2 / 1e6
  dram = ($c["dram_reads"] + $c["dram_writes"]) * 2 / 1e6
  printf "| %s | %s | %.1f | %.1f | %.2f | %.4f | %.2f |\n", $c["layer"], df, $c["latency_ms"], \
    glb, dram, ($c["dram_reads"] + $c["dram_writes"]) / m, $c["stall_noc"] / $c["cycles"]
  lat[df] += $c["latency_ms"]; macs[df] += m; acc[df] += $c["dram_reads"] + $c["dram_writes"]
}
END {
  n = split("ws os is rs", dfs, " ")
  for (i = 1; i <= n; i++) if (dfs[i] in lat)
    printf "| CONV1-5 | %s | %.1f (%.1f frames/s) | | | %.4f | |\n", dfs[i], lat[dfs[i]], 4000 / lat[dfs[i]], acc[dfs[i]] / macs[dfs[i]]
}
