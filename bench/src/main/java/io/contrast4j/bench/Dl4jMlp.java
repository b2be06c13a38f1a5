package io.contrast4j.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/**
 * DL4J (benchmark-only, loaded by name from {@link Harness}): MLP in-hidden(ReLU)-out(ReLU) + softmax output layer
 * with MCXENT, Adam 1e-3, synthetic Gaussian inputs and random labels, one {@code fit} per step.
 */
public final class Dl4jMlp implements TrainStep {
    private final MultiLayerNetwork net;
    private final DataSet[] data;
    private final int batch;
    private int t;

    public Dl4jMlp(int in, int hidden, int out, int classes, int batch) {
        this.batch = batch;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(hidden).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(out).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(out).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        Random r = new Random(3);
        data = new DataSet[4];
        for (int i = 0; i < data.length; i++) {
            float[][] x = new float[batch][in], y = new float[batch][classes];
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < in; j++) x[b][j] = (float) r.nextGaussian();
                y[b][r.nextInt(classes)] = 1;
            }
            INDArray xa = Nd4j.createFromArray(x), ya = Nd4j.createFromArray(y);
            data[i] = new DataSet(xa, ya);
        }
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public double step() {
        net.fit(data[t++ % data.length]);
        return net.score();
    }
}
