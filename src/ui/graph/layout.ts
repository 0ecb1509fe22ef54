/** The dagre layout lives with the graph model in src/state; the views import it from here. */

export * from '../../state/graph-layout';
