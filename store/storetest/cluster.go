package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cluster is a real three-master Redis Cluster on loopback ports, made from
// the machine's redis-server and redis-cli.
type Cluster struct {
	Addrs []string
	procs []*exec.Cmd
	dir   string
}

// ErrNoRedisServer means the machine has no redis-server or redis-cli.
var ErrNoRedisServer = errors.New("no redis-server and redis-cli on PATH")

// StartCluster starts three masters in a temporary folder and joins them.
func StartCluster() (*Cluster, error) {
	for _, bin := range []string{"redis-server", "redis-cli"} {
		if _, err := exec.LookPath(bin); err != nil {
			return nil, ErrNoRedisServer
		}
	}
	dir, err := os.MkdirTemp("", "chitieu-cluster-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	if err := c.start(); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) start() error {
	for i := 0; i < 3; i++ {
		port, err := freePort()
		if err != nil {
			return err
		}
		if err := c.startNode(port); err != nil {
			return err
		}
	}
	args := append([]string{"--cluster", "create"}, c.Addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	var out bytes.Buffer
	cmd := exec.Command("redis-cli", args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("redis-cli --cluster create: %v\n%s", err, out.String())
	}
	return c.waitOK()
}

func (c *Cluster) startNode(port int) error {
	p := strconv.Itoa(port)
	cmd := exec.Command("redis-server", "--port", p, "--bind", "127.0.0.1", "--cluster-enabled", "yes",
		"--cluster-config-file", "nodes-"+p+".conf", "--dir", c.dir, "--save", "", "--appendonly", "no",
		"--logfile", filepath.Join(c.dir, p+".log"))
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	c.procs = append(c.procs, cmd)
	addr := "127.0.0.1:" + p
	c.Addrs = append(c.Addrs, addr)
	return waitFor(func() bool {
		conn, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			conn.Close()
		}
		return err == nil
	})
}

// waitOK waits until every node says the cluster is ok.
func (c *Cluster) waitOK() error {
	return waitFor(func() bool {
		for _, a := range c.Addrs {
			rdb := redis.NewClient(&redis.Options{Addr: a, DisableIdentity: true})
			info, err := rdb.ClusterInfo(context.Background()).Result()
			rdb.Close()
			if err != nil || !bytes.Contains([]byte(info), []byte("cluster_state:ok")) {
				return false
			}
		}
		return true
	})
}

func waitFor(ok func() bool) error {
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok() {
			return nil
		}
	}
	return errors.New("redis cluster did not come up in 15s")
}

// freePort finds a port whose cluster bus port (port+10000) is free too.
func freePort() (int, error) {
	for i := 0; i < 50; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if port+10000 > 65535 {
			continue
		}
		if bus, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000)); err == nil {
			bus.Close()
			return port, nil
		}
	}
	return 0, errors.New("no free port pair for a cluster node")
}

// Stop kills the nodes and removes their folder.
func (c *Cluster) Stop() {
	for _, p := range c.procs {
		p.Process.Kill()
		p.Wait()
	}
	os.RemoveAll(c.dir)
}
