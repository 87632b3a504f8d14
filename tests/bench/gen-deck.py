#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a deterministic deck of N cards with Chinese and English text of
realistic length (about 530 bytes a card, as a 100k deck of 53 MB) for
build-aux/bench.sh.

usage: gen-deck.py N OUTPUT.json [SEED]
"""
import json
import random
import sys

TOPICS = ["Go", "Redis", "MySQL", "网络", "操作系统", "分布式", "系统设计", "排障",
          "算法", "项目面", "Kafka", "Linux", "Kubernetes", "安全", "缓存", "消息队列",
          "数据库", "并发", "存储", "监控"]
SUBTOPICS = ["基础", "原理", "调优", "故障", "实践", "源码"]
ZH = ["调度", "内存", "锁", "事务", "索引", "连接", "超时", "重试", "一致性", "分区",
      "副本", "延迟", "吞吐", "队列", "缓存击穿", "持久化", "主从复制", "选举", "心跳",
      "背压", "限流", "熔断", "降级", "幂等", "回滚", "快照", "日志", "压缩", "分片",
      "协程", "线程", "进程", "文件描述符", "页缓存", "零拷贝", "握手", "挥手", "拥塞控制"]
EN = ["goroutine", "mutex", "channel", "socket", "kernel", "latency", "throughput",
      "replica", "leader", "follower", "snapshot", "checkpoint", "buffer", "backlog",
      "TIME_WAIT", "CLOSE_WAIT", "epoll", "fsync", "WAL", "B+tree", "LSM", "raft",
      "consensus", "shard", "partition", "offset", "consumer", "producer", "timeout",
      "deadlock", "scheduler", "heap", "stack", "pointer", "syscall", "context"]
KINDS = ["concept", "coding", "design", "behavioral", "troubleshooting"]
PUNCT = ["，", "。", "；", "：", "、"]


def sentence(rng, words):
    parts = []
    for _ in range(words):
        parts.append(rng.choice(ZH) if rng.random() < 0.6 else " " + rng.choice(EN) + " ")
        if rng.random() < 0.15:
            parts.append(rng.choice(PUNCT))
    return "".join(parts).strip() + "。"


def back(rng):
    lines = ["**一句话**：" + sentence(rng, 10), ""]
    for _ in range(rng.randint(1, 3)):
        lines.append("- **" + rng.choice(ZH) + "**：" + sentence(rng, rng.randint(5, 10))
                     + " `" + rng.choice(EN) + "`")
    return "\n".join(lines)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 11)
    cards = []
    for i in range(n):
        topic = rng.choice(TOPICS)
        if rng.random() < 0.7:
            topic += "::" + rng.choice(SUBTOPICS)
        card = {
            "id": "bench-%06d" % i,
            "topic": topic,
            "front": "讲一下 **" + rng.choice(EN) + "** 与" + rng.choice(ZH) + "：" + sentence(rng, 6) + "？",
            "back": back(rng),
            "tags": sorted({rng.choice(EN).lower() for _ in range(rng.randint(1, 3))}),
            "kind": rng.choice(KINDS),
            "seconds": rng.choice([60, 120, 180, 240, 300]),
        }
        if i > 0 and rng.random() < 0.2:
            card["follow_ups"] = ["bench-%06d" % rng.randrange(n)]
            if card["follow_ups"][0] == card["id"]:
                del card["follow_ups"]
        cards.append(card)
    deck = {"rehearse_deck": 1, "name": "Bench %d" % n, "language": "zh-CN",
            "description": "A generated deck for build-aux/bench.sh", "cards": cards}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(deck, f, ensure_ascii=False, indent=2)
        f.write("\n")


main()
